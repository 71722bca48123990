package cloud.nextmcp.router.domains;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.router.snapshots.NotifiedSnapshot;
import java.time.Duration;

/** The current {@link DomainSnapshot}: loaded at start, reloaded on NOTIFY {@code domains} and periodically. */
public final class LiveDomains implements AutoCloseable {
    private final NotifiedSnapshot<DomainSnapshot> snapshot;

    public LiveDomains(DomainLoader loader, EventBus events, Duration interval) {
        this.snapshot = new NotifiedSnapshot<>(new NotifiedSnapshot.Source<>("domain certificates", Channels.DOMAINS,
                loader::load, previous -> "the previous certificates (" + previous.size() + " domains)"),
                DomainSnapshot.EMPTY, events, interval, s -> { });
    }

    public DomainSnapshot current() {
        return snapshot.current();
    }

    public void start() {
        snapshot.start();
    }

    @Override
    public void close() {
        snapshot.close();
    }
}
