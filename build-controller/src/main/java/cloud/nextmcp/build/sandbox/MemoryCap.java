package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One process's memory cgroup: the process joins it before it runs anything (so all it starts is
 * counted), the kernel's OOM killer ends it when it goes over, and the group is removed after it exits.
 */
public final class MemoryCap {
    private final Path group;
    private final int megabytes;
    private final Path events;

    MemoryCap(Path group, int megabytes, Path events) {
        this.group = group;
        this.megabytes = megabytes;
        this.events = events;
    }

    public int megabytes() {
        return megabytes;
    }

    /** The builder's command, made to enter the group first: a shell writes its pid, then execs the command. */
    public ProcessBuilder confine(ProcessBuilder builder) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                group.resolve("cgroup.procs").toString()));
        command.addAll(builder.command());
        return builder.command(command);
    }

    /** Whether the kernel killed a process of the group for going over its limit. */
    public boolean oomKilled() {
        try {
            for (String line : Files.readAllLines(events)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).trim()) > 0;
                }
            }
            return false;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Removes the group; its processes must have exited (retried briefly while the kernel empties it). */
    public void remove() throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
    }
}
