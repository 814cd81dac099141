/** Shared flag: once shutdown starts, readiness turns 503 so load balancers stop sending work. */
export class ServiceLifecycle {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
