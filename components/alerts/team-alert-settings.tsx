"use client";

import { ChannelsEditor } from "@/components/alerts/channels-editor";
import { CustomRules } from "@/components/alerts/custom-rules";
import { OverrideRow } from "@/components/alerts/override-row";
import { useTeamAlertsQuery } from "@/components/alerts/use-team-alerts-query";
import { ErrorState, TableSkeleton } from "@/components/ui/states";

/** A team's alert rules and channels; `canEdit` (the team's editors and admins) shows the controls. */
export function TeamAlertSettings({ team, canEdit }: { team: string; canEdit: boolean }) {
  const query = useTeamAlertsQuery(team);
  if (query.isPending) return <TableSkeleton rows={5} columns={6} />;
  if (query.isError) return <ErrorState title="Alert settings could not be loaded" error={query.error} />;
  const settings = query.data;
  return (
    <div>
      <h2>Built-in rules</h2>
      <table data-testid="overrides">
        <thead><tr><th>Rule</th><th>On</th><th>For</th><th>Severity</th><th>Threshold</th><th /></tr></thead>
        <tbody>
          {settings.builtins.map((rule) => (
            // The key includes the override so a saved or reset row starts from the server's values.
            <OverrideRow key={`${rule.id}:${JSON.stringify(rule.override)}`} team={team} rule={rule} canEdit={canEdit} />
          ))}
        </tbody>
      </table>
      <h2>Extra rules</h2>
      <CustomRules team={team} rules={settings.custom} canEdit={canEdit} />
      <h2>Channels</h2>
      <ChannelsEditor team={team} channels={settings.channels} canEdit={canEdit} />
    </div>
  );
}
