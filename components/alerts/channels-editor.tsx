"use client";

import { useState, type FormEvent } from "react";
import { z } from "zod";
import { useAlertsMutation } from "@/components/alerts/use-alerts-query";
import { teamAlertsUrl } from "@/components/alerts/use-team-alerts-query";
import { ErrorState } from "@/components/ui/states";
import { CHANNEL_KINDS } from "@/lib/alerts/channel-kinds";
import { channelViewSchema, type ChannelView } from "@/lib/validation/api/alerts";

const okSchema = z.object({ ok: z.literal(true) });
const EMPTY = { name: "", kind: "webhook" as string, url: "", secret: "" };

/** The team's channels, targets masked (the URL is a secret and never comes back), and a form to add one. */
export function ChannelsEditor({ team, channels, canEdit }: { team: string; channels: ChannelView[]; canEdit: boolean }) {
  const [draft, setDraft] = useState(EMPTY);
  const create = useAlertsMutation(channelViewSchema);
  const remove = useAlertsMutation(okSchema);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: draft.name, kind: draft.kind, url: draft.url, secret: draft.kind === "webhook" ? draft.secret : null };
    create.mutate({ url: `${teamAlertsUrl(team)}/channels`, method: "POST", body }, { onSuccess: () => setDraft(EMPTY) });
  };
  const field = (name: keyof typeof EMPTY) => ({ value: draft[name], onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }) });
  return (
    <section data-testid="channels">
      {channels.length === 0 ? (
        <p className="subtle">No channels: this team&apos;s alerts show here and on the alerts page only.</p>
      ) : (
        <table>
          <thead><tr><th>Name</th><th>Kind</th><th>Target</th><th /></tr></thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id} data-testid="channel-row">
                <td>{channel.name}{!channel.enabled && <span className="subtle"> (off)</span>}</td>
                <td>{channel.kind}{channel.hasSecret && <span className="subtle"> · signed</span>}</td>
                <td className="mono" data-testid="channel-target">{channel.target}</td>
                <td>{canEdit && <button type="button" onClick={() => remove.mutate({ url: `${teamAlertsUrl(team)}/channels/${channel.id}`, method: "DELETE" })}>Delete</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form onSubmit={submit} className="toolbar card" aria-label="New channel" style={{ marginTop: "0.75rem" }}>
          <input aria-label="Channel name" placeholder="name" maxLength={100} required {...field("name")} />
          <select aria-label="Kind" {...field("kind")}>{CHANNEL_KINDS.map((kind) => <option key={kind}>{kind}</option>)}</select>
          <input aria-label="URL" placeholder={draft.kind === "alertmanager" ? "http://alertmanager:9093" : "https://…"} type="url" required style={{ flex: 1 }} {...field("url")} />
          {draft.kind === "webhook" && <input aria-label="Secret" placeholder="signing secret (16+ characters)" type="password" autoComplete="off" required minLength={16} {...field("secret")} />}
          <button type="submit" disabled={create.isPending}>Add channel</button>
        </form>
      )}
      {create.isError && <ErrorState title="Channel not saved" error={create.error} />}
      {remove.isError && <ErrorState title="Channel not deleted" error={remove.error} />}
    </section>
  );
}
