/* Loaded through LD_PRELOAD: names every program it gets into, so SandboxEscapesIT can check
 * that a config var reaches only the app, never the platform's launcher processes. */
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void announce(void) {
    char comm[64] = "?";
    FILE *f = fopen("/proc/self/comm", "r");
    if (f) {
        if (fgets(comm, sizeof comm, f)) {
            for (char *c = comm; *c; c++) if (*c == '\n') *c = 0;
        }
        fclose(f);
    }
    fprintf(stderr, "PRELOADED comm=%s uid=%d\n", comm, (int) getuid());
}
