/** A sleep that another caller can cut short (a poke, a stop): the loops of background readers wait on it. */
export class WakeableSleep {
  private wake?: () => void;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Ends the sleep in progress, if any. */
  wakeUp(): void {
    this.wake?.();
  }
}
