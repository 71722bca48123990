package cloud.nextmcp.build.runtime;

import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a runtime hears on NOTIFY {@code apps}: the payload names one app whose desired state changed; after
 * the event bus reconnects (notifications may have been missed) every app is reconciled.
 */
public final class AppChanges implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(AppChanges.class);

    private final LongConsumer reconcile;
    private final Runnable reconcileAll;

    public AppChanges(LongConsumer reconcile, Runnable reconcileAll) {
        this.reconcile = reconcile;
        this.reconcileAll = reconcileAll;
    }

    @Override
    public void onNotification(String payload) {
        try {
            reconcile.accept(Long.parseLong(payload.strip()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring '{}' on channel {}: not an app id", payload, Channels.APPS);
        }
    }

    @Override
    public void resync() {
        reconcileAll.run();
    }
}
