package cloud.nextmcp.build.runtime.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API client of the runtime and of kpack builds, from a kubeconfig file or the cluster's own service account. */
public final class KubernetesClients {
    private KubernetesClients() {
    }

    /**
     * @param kubeconfig a kubeconfig file, or null: inside a cluster the pod's service account, elsewhere
     *                   {@code KUBECONFIG} or {@code ~/.kube/config} (fabric8's auto-configuration)
     * @param key        the configuration key that named the file, for the error message
     */
    public static KubernetesClient connect(String kubeconfig, String key) {
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().build();
        }
        Path file = Path.of(kubeconfig);
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(file))).build();
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read the kubeconfig file " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
