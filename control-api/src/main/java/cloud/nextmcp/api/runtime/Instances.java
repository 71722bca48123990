package cloud.nextmcp.api.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns instance rows into what {@code ps} shows. The runtime names an instance
 * {@code <app id>-v<version>-<type>.<index>-<suffix>}, so the index is read from the id; an id of
 * another shape (another runtime) gets the lowest index its type has free.
 */
final class Instances {
    private Instances() {
    }

    static List<InstanceView> views(List<InstanceListing.Row> rows) {
        List<InstanceView> views = new ArrayList<>();
        List<InstanceListing.Row> unnumbered = new ArrayList<>();
        for (InstanceListing.Row row : rows) {
            Integer index = indexIn(row.id(), row.processType());
            if (index == null) {
                unnumbered.add(row);
            } else {
                views.add(view(row, index));
            }
        }
        for (InstanceListing.Row row : unnumbered) {
            Set<Integer> taken = new HashSet<>();
            views.stream().filter(v -> v.type().equals(row.processType())).forEach(v -> taken.add(v.index()));
            int index = 1;
            while (taken.contains(index)) {
                index++;
            }
            views.add(view(row, index));
        }
        views.sort(Comparator.comparing(InstanceView::type).thenComparingInt(InstanceView::index)
                .thenComparing(InstanceView::startedAt));
        return views;
    }

    private static Integer indexIn(String id, String type) {
        Matcher m = Pattern.compile("(?:^|-)" + Pattern.quote(type) + "\\.(\\d{1,6})(?:-|$)").matcher(id);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static InstanceView view(InstanceListing.Row row, int index) {
        return new InstanceView(row.id(), row.processType(), index, row.releaseVersion(), row.state(), row.restarts(),
                row.startedAt(), row.address());
    }
}
