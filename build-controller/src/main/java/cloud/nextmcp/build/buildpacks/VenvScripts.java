package cloud.nextmcp.build.buildpacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * pip writes the virtualenv's absolute path into the scripts' {@code #!} lines, but the build
 * directory moves into the artifact store afterwards. The scripts get pip's own portable
 * sh/python header instead, which finds the interpreter next to the script.
 */
final class VenvScripts {
    private static final String PORTABLE_HEADER = "#!/bin/sh\n'''exec' \"$(dirname -- \"$0\")/python\" \"$0\" \"$@\"\n' '''\n";

    private VenvScripts() {
    }

    static void makeRelocatable(Path venv) throws IOException {
        Path bin = venv.resolve("bin");
        if (!Files.isDirectory(bin)) {
            return;
        }
        String venvPython = "#!" + venv.toAbsolutePath().normalize() + "/bin/python";
        List<Path> scripts;
        try (Stream<Path> s = Files.list(bin)) {
            scripts = s.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p)).toList();
        }
        for (Path script : scripts) {
            byte[] bytes = Files.readAllBytes(script);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int eol = text.indexOf('\n');
            if (eol > 0 && text.substring(0, eol).startsWith(venvPython)) {
                Files.writeString(script, PORTABLE_HEADER + text.substring(eol + 1), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
