import { EventStore, ProjectionRebuilder, type Projection } from '@app/event-store';
import { createServiceDataSource } from '@app/platform';
import type { DataSource } from 'typeorm';

/**
 * A connection to a service's schema beside its running process, initialized: for appending events the way the
 * service does, or reading what it wrote. No migrations (the process ran them); the caller destroys it.
 */
export async function openServiceDataSource(
  databaseUrl: string,
  schema: string,
  applicationName: string,
): Promise<DataSource> {
  const dataSource = createServiceDataSource({ databaseUrl, schema, migrations: [], applicationName });
  await dataSource.initialize();
  return dataSource;
}

/** `use` on a connection of its own to the service's schema, destroyed afterwards whatever `use` did. */
export async function withServiceDataSource<T>(
  databaseUrl: string,
  schema: string,
  applicationName: string,
  use: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = await openServiceDataSource(databaseUrl, schema, applicationName);
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Rebuilds each projection from the schema's events and expects no row only in the live table or only in the rebuilt
 * one: what the service built as it went is what its events say. Named per projection, so a failure says which.
 */
export async function expectRebuildsIdentical(
  dataSource: DataSource,
  schema: string,
  projections: readonly Projection[],
): Promise<void> {
  const rebuilder = new ProjectionRebuilder(new EventStore(dataSource, schema));
  for (const projection of projections) {
    const verified = await rebuilder.rebuild(projection, { verify: true });
    expect({ projection: projection.name, differences: verified.differences }).toMatchObject({
      projection: projection.name,
      differences: { onlyInLiveCount: 0, onlyInRebuiltCount: 0 },
    });
  }
}
