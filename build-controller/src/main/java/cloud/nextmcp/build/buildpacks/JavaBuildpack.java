package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** {@code pom.xml} apps: {@code mvn -q -DskipTests package} with the app's own local repository as cache, then {@code java -jar}. */
public final class JavaBuildpack implements Buildpack {
    @Override
    public String name() {
        return "java";
    }

    @Override
    public String lookingFor() {
        return "pom.xml (java)";
    }

    @Override
    public boolean detect(Path appDir) {
        return Files.isRegularFile(appDir.resolve("pom.xml"));
    }

    @Override
    public BuildpackResult build(BuildContext ctx) throws BuildFailure, IOException {
        ctx.log().line("-----> Building with mvn -q -DskipTests package");
        Path m2 = ctx.cacheDir().resolve("m2");
        ctx.commands().run(List.of("mvn", "-q", "-B", "-DskipTests", "-Dmaven.repo.local=" + m2, "package"),
                Map.of("MAVEN_OPTS", "-Xmx512m"));
        Map<String, String> runEnv = Map.of();
        Path jar = runnableJar(ctx.appDir().resolve("target"));
        if (jar == null) {
            return BuildpackResult.noStart("mvn package made no jar with a Main-Class in target/ "
                    + "(add the maven-shade-plugin or set the manifest's Main-Class)", runEnv);
        }
        ctx.log().line("-----> Runnable jar: " + ctx.appDir().relativize(jar));
        return BuildpackResult.start("exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + ctx.appDir().relativize(jar), runEnv);
    }

    private static Path runnableJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(target)) {
            jars = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".jar") && !n.startsWith("original-") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar");
            }).sorted().toList();
        }
        for (Path jar : jars) {
            try (JarFile f = new JarFile(jar.toFile())) {
                if (f.getManifest() != null && f.getManifest().getMainAttributes().getValue("Main-Class") != null) {
                    return jar;
                }
            }
        }
        return null;
    }
}
