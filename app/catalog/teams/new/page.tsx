import { TeamForm } from "@/components/catalog/team-form";
import { createTeamAction, updateTeamAction } from "@/app/catalog/teams/actions";

export const metadata = { title: "New team" };

export default function NewTeamPage() {
  return (
    <div>
      <h1>New team</h1>
      <TeamForm record={null} actions={{ create: createTeamAction, update: updateTeamAction }} />
    </div>
  );
}
