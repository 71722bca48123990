package cloud.nextmcp.build.runtime;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileArtifactStore;
import cloud.nextmcp.build.artifacts.LaunchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Tiny real apps stored as artifacts: a python3 HTTP server (standard library only) that answers
 * {@code <code version> <NEXTMCP_RELEASE> <GREETING>}, exits with status 3 on {@code /crash} and takes
 * 400 MiB on {@code /hog}.
 */
final class TestApps {
    private static final String SERVER = """
            import http.server, os
            CODE = '%s'
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path == '/never-ready':
                        self.send_response(503)
                        self.end_headers()
                        return
                    if self.path == '/hog':
                        print('allocating 400 MiB', flush=True)
                        hog = bytearray(400 * 1024 * 1024)
                    if self.path == '/crash':
                        print('crashing on purpose', flush=True)
                        os._exit(3)
                    body = ('%%s %%s %%s' %% (CODE, os.environ.get('NEXTMCP_RELEASE'), os.environ.get('GREETING'))).encode()
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, fmt, *args):
                    print('request ' + self.path, flush=True)
            print('listening on ' + os.environ['PORT'], flush=True)
            http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
            """;

    private final FileArtifactStore store;
    private final Path scratch;

    TestApps(FileArtifactStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** A healthy server whose answers start with {@code code}. */
    Artifact server(String code) throws IOException {
        Path dir = fresh();
        Files.writeString(dir.resolve("app.py"), SERVER.formatted(code));
        return store.store(dir, new LaunchSpec("python", "python3 -u app.py", "/health", Map.of(), null));
    }

    /** A server whose health path always answers 503: it runs, but never becomes ready. */
    Artifact neverReady() throws IOException {
        Path dir = fresh();
        Files.writeString(dir.resolve("app.py"), SERVER.formatted("unready"));
        return store.store(dir, new LaunchSpec("python", "python3 -u app.py", "/never-ready", Map.of(), null));
    }

    /** An app that prints a reason and exits at once, as a broken push would. */
    Artifact broken() throws IOException {
        Path dir = fresh();
        Files.writeString(dir.resolve("start.sh"), "echo 'boom: cannot find module express'\nexit 1\n");
        return store.store(dir, new LaunchSpec("node", "sh start.sh", null, Map.of(), null));
    }

    /**
     * Reports what an instance can see: whether {@code secret} (a file in the platform's data
     * directory) is readable, whether its own directory is writable, and whether /tmp is.
     */
    Artifact probe(Path secret) throws IOException {
        Path dir = fresh();
        Files.writeString(dir.resolve("probe.py"), """
                import http.server, os
                def can_write(path):
                    try:
                        with open(os.path.join(path, 'probe.txt'), 'w') as f:
                            f.write('x')
                        return 'writable'
                    except OSError:
                        return 'read-only'
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = ('secret:%s app:%s tmp:%s' % (os.path.exists('SECRET_PATH'), can_write('.'), can_write('/tmp'))).encode()
                        self.send_response(200)
                        self.send_header('Content-Length', str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
                """.replace("SECRET_PATH", secret.toString()));
        return store.store(dir, new LaunchSpec("python", "python3 -u probe.py", null, Map.of(), null));
    }

    private Path fresh() throws IOException {
        return Files.createDirectories(scratch.resolve(UUID.randomUUID().toString()));
    }
}
