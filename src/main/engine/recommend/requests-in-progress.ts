/**
 * Requests a transport (the HTTP server) has received and not answered yet. Each list is ranked in
 * one turn of the event loop, so lists in flight never overlap even with eight clients waiting;
 * requests do (their bodies are read and their replies written in turns of their own), and more
 * than one in progress is a queue on the engine's thread that a serving worker can take from.
 */
export class RequestsInProgress {
  private n = 0;

  /** A request arrived; the function returned is called once when it is answered (or dropped). */
  begin(): () => void {
    this.n++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.n--;
    };
  }

  get count(): number {
    return this.n;
  }
}
