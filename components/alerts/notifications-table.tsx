import type { NotificationView } from "@/lib/validation/api/alerts";

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString() : "—");

/** The delivery log: each notification with its status and every attempt (HTTP status or error, duration). */
export function NotificationsTable({ notifications, showAlert = false }: { notifications: NotificationView[]; showAlert?: boolean }) {
  if (notifications.length === 0) return <p className="subtle">Nothing delivered yet: no channel of the team was due a notification.</p>;
  return (
    <table data-testid="delivery-log">
      <thead>
        <tr>
          <th>Transition</th>
          <th>Channel</th>
          {showAlert && <th>Alert</th>}
          <th>Status</th>
          <th>Attempts</th>
        </tr>
      </thead>
      <tbody>
        {notifications.map((notification) => (
          <tr key={notification.id} data-testid="delivery-row" data-status={notification.status} data-channel={notification.channel.name}>
            <td>{notification.transition}</td>
            <td>
              {notification.channel.name} <span className="subtle">({notification.channel.kind})</span>
            </td>
            {showAlert && (
              <td>
                <a href={`/alerts/${encodeURIComponent(notification.alertId)}`}>open</a>
              </td>
            )}
            <td>
              <span className="badge">{notification.status}</span>
              {notification.status === "pending" && notification.attempts > 0 && <div className="subtle">next try {time(notification.nextAttemptAt)}</div>}
              {notification.lastError && <div className="subtle">{notification.lastError}</div>}
            </td>
            <td>
              <ol style={{ margin: 0, paddingLeft: "1.2rem" }}>
                {notification.log.map((attempt, index) => (
                  <li key={index} data-testid="delivery-attempt" data-ok={attempt.ok}>
                    {time(attempt.at)}: {attempt.httpStatus !== null ? `HTTP ${attempt.httpStatus}` : attempt.error} in {attempt.durationMs} ms
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
