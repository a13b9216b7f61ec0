import type { Permission } from '../app/useCan';

/** The reason a control is disabled for this user's role; nothing when the role allows it. */
export function NotAllowed({ can, testId = 'not-allowed' }: { can: Permission; testId?: string }) {
  if (can.allowed || can.reason === null) return null;
  return (
    <span className="muted small not-allowed" role="note" data-testid={testId}>
      {can.reason}
    </span>
  );
}
