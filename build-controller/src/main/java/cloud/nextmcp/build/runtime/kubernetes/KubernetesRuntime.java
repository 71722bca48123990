package cloud.nextmcp.build.runtime.kubernetes;

import cloud.nextmcp.build.artifacts.ArtifactStore;
import cloud.nextmcp.build.logs.LogWriter;
import cloud.nextmcp.build.runtime.AppChanges;
import cloud.nextmcp.build.runtime.AppRuntime;
import cloud.nextmcp.build.runtime.DesiredStates;
import cloud.nextmcp.build.runtime.InstanceTable;
import cloud.nextmcp.build.runtime.ReleaseSwitch;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.build.runtime.SerialExecutor;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.instances.InstanceRow;
import cloud.nextmcp.core.releases.ConfigVars;
import cloud.nextmcp.core.releases.ReleaseDao;
import cloud.nextmcp.core.secrets.SecretBox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs apps as Kubernetes workloads: per app a Deployment of its release's image, a Secret of the release's
 * config vars and a NetworkPolicy, applied server-side from the database's desired state (on NOTIFY
 * {@code apps}, after the event bus reconnects, periodically and at start). A pod informer turns pod IPs and
 * readiness into {@code instances} rows, so routers keep reading only the database, and settles pending
 * releases. It only ever lists, changes and deletes objects carrying its owner label.
 */
public final class KubernetesRuntime implements AppRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);

    private final RuntimeConfig config;
    private final KubernetesConfig cluster;
    private final KubernetesClient client;
    private final Jdbi jdbi;
    private final EventBus events;
    private final InstanceTable table;
    private final LogWriter logs;
    private final PodInstances instances;
    private final PodLogs podLogs;
    private final DesiredStates desired;
    private final ReleaseSwitch releaseSwitch;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final Map<Long, AppWorkload> apps = new ConcurrentHashMap<>();
    private final Map<Long, SerialExecutor> serials = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private SharedIndexInformer<Pod> pods;
    private volatile boolean running;
    /** Closed with the runtime: a runtime lives one leadership term, the event bus the whole process. */
    private EventBus.Subscription appChanges;

    public KubernetesRuntime(RuntimeConfig config, KubernetesClient client, Jdbi jdbi, EventBus events, SecretBox secrets,
                             ArtifactStore artifacts, Entitlements entitlements) {
        this.config = config;
        this.cluster = config.kubernetes();
        this.client = client;
        this.jdbi = jdbi;
        this.events = events;
        this.table = new InstanceTable(jdbi, nodeName(cluster));
        this.logs = new LogWriter(jdbi, 10_000);
        this.instances = new PodInstances(table, logs, cluster.containerPort());
        this.podLogs = new PodLogs(client, cluster.namespace(), logs);
        this.desired = new DesiredStates(jdbi, entitlements);
        this.releaseSwitch = new ReleaseSwitch(jdbi);
        this.configVars = new ConfigVars(secrets);
        this.artifacts = artifacts;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> daemon(r, "kubernetes-runtime-" + threads.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kubernetes-runtime-timer"));
    }

    /** Instance rows of this runtime carry this node name; a restarted platform takes over exactly those. */
    static String nodeName(KubernetesConfig cluster) {
        return "kubernetes/" + cluster.namespace() + "/" + cluster.owner();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        List<InstanceRow> earlier = table.leftovers();
        instances.adopt(earlier);
        try {
            pods = client.pods().inNamespace(cluster.namespace()).withLabel(ClusterLabels.OWNER, cluster.owner())
                    .inform(new PodEvents(), config.reconcileInterval().toMillis());
        } catch (KubernetesClientException e) {
            running = false;
            throw new IllegalStateException("The Kubernetes runtime could not list pods in namespace " + cluster.namespace()
                    + " at " + client.getConfiguration().getMasterUrl() + ": " + e.getMessage()
                    + " (check runtime.kubernetes.kubeconfig, the namespace and the service account's RBAC)", e);
        }
        // The first full list is in the cache now: rows of pods deleted while the platform was down go.
        Set<String> live = new TreeSet<>();
        pods.getStore().list().forEach(p -> live.add(p.getMetadata().getName()));
        instances.forgetAllBut(live, earlier);
        appChanges = events.subscribe(Channels.APPS, new AppChanges(this::reconcile, this::reconcileAll));
        long every = config.reconcileInterval().toMillis();
        timers.scheduleWithFixedDelay(this::reconcileAll, every, every, TimeUnit.MILLISECONDS);
        // A pending release whose pods never report anything still times out.
        long settleEvery = Math.max(1000, Math.min(every, config.healthTimeout().toMillis() / 4));
        timers.scheduleWithFixedDelay(() -> apps.keySet().forEach(this::settle), settleEvery, settleEvery, TimeUnit.MILLISECONDS);
        reconcileAll();
        LOG.info("Kubernetes runtime started: namespace {}, owner label {}={}", cluster.namespace(), ClusterLabels.OWNER,
                cluster.owner());
    }

    @Override
    public void reconcile(long appId) {
        onApp(appId, w -> w.reconcile(), "reconcile");
    }

    private void settle(long appId) {
        onApp(appId, AppWorkload::settle, "check the pending release of");
    }

    private void onApp(long appId, Consumer<AppWorkload> task, String what) {
        if (!running) {
            return;
        }
        AppWorkload workload = apps.computeIfAbsent(appId, this::workload);
        serials.computeIfAbsent(appId, id -> new SerialExecutor(workers)).execute(() -> {
            try {
                task.accept(workload);
            } catch (RuntimeException e) {
                if (!running) {
                    LOG.debug("App {}: stopped while trying to {} it", appId, what, e);
                } else if (DatabaseOutage.causedBy(e)) {
                    LOG.warn("Could not {} app {}: {}", what, appId, DatabaseOutage.MESSAGE);
                } else {
                    LOG.error("Could not {} app {}; trying again at the next reconcile", what, appId, e);
                }
            }
        });
    }

    private AppWorkload workload(long appId) {
        return new AppWorkload(appId, cluster, client, jdbi, desired, releaseSwitch, configVars, artifacts, logs,
                this::podsOf, config.healthTimeout(), Clock.systemUTC());
    }

    private List<Pod> podsOf(long appId) {
        String id = Long.toString(appId);
        return pods.getStore().list().stream().filter(p -> id.equals(p.getMetadata().getLabels().get(ClusterLabels.APP_ID)))
                .toList();
    }

    /** Every app with a release to run, and every app that still has objects in the cluster (to remove them). */
    private void reconcileAll() {
        try {
            Set<Long> all = new TreeSet<>(jdbi.withExtension(ReleaseDao.class, ReleaseDao::appsWithDesiredRelease));
            client.apps().deployments().inNamespace(cluster.namespace()).withLabel(ClusterLabels.OWNER, cluster.owner())
                    .list().getItems()
                    .forEach(d -> ClusterLabels.appId(d.getMetadata().getLabels()).ifPresent(all::add));
            all.addAll(apps.keySet());
            all.forEach(this::reconcile);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("Could not read which apps to run: {}; retrying in {}", DatabaseOutage.MESSAGE, config.reconcileInterval());
            } else {
                LOG.error("Could not read which apps to run; retrying in {}", config.reconcileInterval(), e);
            }
        }
    }

    /** Stops watching. The workloads keep running in the cluster and their rows stay: the next start takes them over. */
    @Override
    public synchronized void close() {
        running = false;
        if (appChanges != null) {
            appChanges.close();
        }
        timers.shutdownNow();
        if (pods != null) {
            pods.close();
        }
        podLogs.close();
        workers.shutdownNow();
        logs.close();
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            changed(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
            changed(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            instances.removed(pod);
            podLogs.forget(pod);
            // A reconcile, not only a settle: the Secret of a release whose last pod is gone can go now.
            ClusterLabels.appId(pod.getMetadata().getLabels()).ifPresent(KubernetesRuntime.this::reconcile);
        }

        private void changed(Pod pod) {
            try {
                instances.observe(pod).ifPresent(seen -> podLogs.follow(pod, seen));
            } catch (RuntimeException e) {
                LOG.error("Could not record pod {}", pod.getMetadata().getName(), e);
            }
            ClusterLabels.appId(pod.getMetadata().getLabels()).ifPresent(KubernetesRuntime.this::settle);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
