package cloud.nextmcp.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstancesTest {
    private static final Instant T = Instant.parse("2026-11-24T05:40:00Z");

    private static InstanceListing.Row row(String id, int secondsAfter) {
        return new InstanceListing.Row(id, "web", 3, "healthy", 0, T.plusSeconds(secondsAfter), "127.0.0.1:4000");
    }

    @Test
    void theIndexComesFromTheRuntimesInstanceId() {
        List<InstanceView> views = Instances.views(List.of(row("7-v3-web.2-77aa88bb", 0), row("7-v3-web.1-0a1b2c3d", 5),
                row("7-v3-web.10-ffffffff", 9)));

        assertThat(views).extracting(InstanceView::index).containsExactly(1, 2, 10);
        assertThat(views).extracting(InstanceView::id).containsExactly("7-v3-web.1-0a1b2c3d", "7-v3-web.2-77aa88bb",
                "7-v3-web.10-ffffffff");
    }

    @Test
    void idsOfAnotherShapeGetTheLowestFreeIndexOfTheirType() {
        List<InstanceView> views = Instances.views(List.of(row("pod-abc", 0), row("7-v3-web.1-0a1b2c3d", 1),
                row("pod-def", 2)));

        assertThat(views).extracting(InstanceView::id).containsExactly("7-v3-web.1-0a1b2c3d", "pod-abc", "pod-def");
        assertThat(views).extracting(InstanceView::index).containsExactly(1, 2, 3);
    }
}
