import { TeamForm } from "@/components/catalog/team-form";
import { createTeamAction, updateTeamAction } from "@/app/catalog/teams/actions";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCan } from "@/lib/auth/page";
import { requireSignedIn } from "@/lib/auth/page";

export const metadata = { title: "New team" };
export const dynamic = "force-dynamic";

export default async function NewTeamPage() {
  await requireSignedIn();
  if (!(await pageCan({ kind: "team.write" }))) return <NotAllowed>Only admins may create teams.</NotAllowed>;
  return (
    <div>
      <h1>New team</h1>
      <TeamForm record={null} actions={{ create: createTeamAction, update: updateTeamAction }} />
    </div>
  );
}
