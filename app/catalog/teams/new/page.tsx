import { TeamForm } from "@/components/catalog/team-form";

export const metadata = { title: "New team" };

export default function NewTeamPage() {
  return (
    <div>
      <h1>New team</h1>
      <TeamForm record={null} />
    </div>
  );
}
