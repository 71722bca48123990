package cloud.nextmcp.api.runtime;

import cloud.nextmcp.core.instances.InstanceRow;
import java.util.List;

/** Turns instance rows into what {@code ps} shows. */
final class Instances {
    private Instances() {
    }

    static List<InstanceView> views(List<InstanceRow> rows) {
        return rows.stream().map(Instances::view).toList();
    }

    private static InstanceView view(InstanceRow row) {
        return new InstanceView(row.id(), row.processType(), row.processIndex(), row.releaseVersion(), row.state().dbValue(),
                row.restarts(), row.startedAt(), row.address());
    }
}
