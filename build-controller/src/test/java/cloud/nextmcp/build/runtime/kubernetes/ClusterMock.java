package cloud.nextmcp.build.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's in-process API server in CRUD mode, plus the parts of a cluster the test plays itself: it serves
 * pod logs the test sets, takes a server-side apply as a real API server does (creates the object when it does
 * not exist yet, else replaces it with the applied whole object; the CRUD mock answers 404 or 415 to apply patches), and acts as the ReplicaSet controller and kubelet
 * through {@link #startPods}, {@link #ready}, {@link #waiting} and {@link #delete}.
 */
final class ClusterMock implements AutoCloseable {
    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");

    final KubernetesMockServer server;
    final KubernetesClient client;
    /** The client for the code under test: its calls are recorded in {@link #calls}. */
    final KubernetesClient platformClient;
    final ApiCalls calls = new ApiCalls();
    private final Map<String, String> podLogs = new ConcurrentHashMap<>();
    private final AtomicInteger podCounter = new AtomicInteger();

    ClusterMock() {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of(kpack("images", "Image"), kpack("builds", "Build")));
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String key = request.getPath().replaceFirst("\\?.*$", "");
                calls.record(request, request.method() != HttpMethod.PATCH || crud.findResource(crud.getKey(key)) != null);
                Matcher log = POD_LOG.matcher(request.getPath());
                if (request.method() == HttpMethod.GET && log.matches()) {
                    Matcher container = Pattern.compile("[?&]container=([^&]+)").matcher(request.getPath());
                    String body = container.find() ? podLogs.get(log.group(2) + "/" + container.group(1)) : null;
                    body = body != null ? body : podLogs.get(log.group(2));
                    return body == null ? new MockResponse().setResponseCode(404) : new MockResponse().setResponseCode(200)
                            .setBody(body);
                }
                if (request.method() == HttpMethod.PATCH && "application/apply-patch+yaml".equals(request.getHeader("Content-Type"))) {
                    String path = request.getPath().replaceFirst("\\?.*$", "");
                    if (crud.findResource(crud.getKey(path)) == null) {
                        String collection = path.substring(0, path.lastIndexOf('/'));
                        return crud.handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                                request.getHeaders(), request.getBody()));
                    }
                    // The runtime always applies whole objects, so replacing is what an apply does here.
                    return crud.handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path,
                            request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
                            request.getBody()));
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        platformClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(ApiCalls.USER_AGENT).build()).build();
    }

    private static CustomResourceDefinitionContext kpack(String plural, String kind) {
        return new CustomResourceDefinitionContext.Builder().withGroup("kpack.io").withVersion("v1alpha2").withPlural(plural)
                .withKind(kind).withScope("Namespaced").build();
    }

    /** The log of one container of a pod ({@code pod/container}) or of its only container ({@code pod}). */
    void podLog(String pod, String text) {
        podLogs.put(pod, text);
    }

    /** What the Deployment controller and scheduler would do: n pods of the Deployment's current template, not ready. */
    List<Pod> startPods(Deployment deployment, int n) {
        List<Pod> pods = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = podCounter.incrementAndGet();
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + k)
                    .withNamespace(deployment.getMetadata().getNamespace())
                    .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .withAnnotations(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).endMetadata()
                    .withSpec(deployment.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase("Pending").withPodIP("127.0.0." + (10 + k)).endStatus()
                    .build();
            pods.add(client.resource(pod).create());
        }
        return pods;
    }

    /** The kubelet: the container runs and the readiness probe passes. */
    Pod ready(Pod pod) {
        return setStatus(pod, running(0), "True");
    }

    /** The container waits with this reason (CrashLoopBackOff, ImagePullBackOff) after {@code restarts} restarts. */
    Pod waiting(Pod pod, String reason, int restarts) {
        ContainerStatus status = new ContainerStatusBuilder().withName("web").withRestartCount(restarts).withReady(false)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage("back-off restarting")
                        .endWaiting().build())
                .build();
        return setStatus(pod, status, "False");
    }

    /** The container runs again after a restart, ready. */
    Pod restartedAndReady(Pod pod, int restarts) {
        return setStatus(pod, running(restarts), "True");
    }

    void delete(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
    }

    private static ContainerStatus running(int restarts) {
        return new ContainerStatusBuilder().withName("web").withRestartCount(restarts).withReady(true)
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString()).endRunning()
                        .build())
                .build();
    }

    private Pod setStatus(Pod pod, ContainerStatus container, String ready) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        current.getStatus().setPhase("Running");
        current.getStatus().setContainerStatuses(List.of(container));
        current.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus(ready).build()));
        return client.resource(current).update();
    }

    @Override
    public void close() {
        platformClient.close();
        client.close();
        server.destroy();
    }
}
