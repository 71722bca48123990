package cloud.nextmcp.git.source;

import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.sources.SourceUrls;
import cloud.nextmcp.git.repos.AppRepositories;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /source/<build id>.tar.gz?expires=…&sig=…}: the build's commit as a gzipped tarball, for in-cluster
 * builders (kpack's blob source) that hold no git credentials. Only a URL the builder signed, before it expires.
 * A commit whose push still waits for its build is read from the push's quarantine.
 */
public final class SourceArchiveServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(SourceArchiveServlet.class);
    private static final Pattern PATH = Pattern.compile("/(\\d{1,18})" + Pattern.quote(SourceUrls.SUFFIX));

    private final Jdbi jdbi;
    private final AppRepositories repositories;
    private final SourceUrls urls;

    public SourceArchiveServlet(Jdbi jdbi, AppRepositories repositories, SourceUrls urls) {
        this.jdbi = jdbi;
        this.repositories = repositories;
        this.urls = urls;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher m = PATH.matcher(Optional.ofNullable(req.getPathInfo()).orElse(""));
        long expires;
        try {
            expires = Long.parseLong(Optional.ofNullable(req.getParameter("expires")).orElse(""));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (!m.matches() || !urls.valid(Long.parseLong(m.group(1)), expires, req.getParameter("sig"))) {
            plain(resp, HttpServletResponse.SC_FORBIDDEN, "this source URL is not valid or has expired");
            return;
        }
        long buildId = Long.parseLong(m.group(1));
        Optional<Build> build = jdbi.withExtension(BuildDao.class, d -> d.findById(buildId));
        if (build.isEmpty()) {
            plain(resp, HttpServletResponse.SC_NOT_FOUND, "no such build");
            return;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .setGitDir(repositories.location(build.get().appId()).toFile()).setMustExist(true);
        if (build.get().pushQuarantine() != null) {
            builder.addAlternateObjectDirectory(new java.io.File(build.get().pushQuarantine()));
        }
        try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            ObjectId id = repo.resolve(build.get().commitSha() + "^{commit}");
            if (id == null) {
                plain(resp, HttpServletResponse.SC_NOT_FOUND, "the build's commit is not in the repository");
                return;
            }
            RevCommit commit = walk.parseCommit(id);
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType("application/gzip");
            try (TarWriter tar = new TarWriter(new GZIPOutputStream(resp.getOutputStream()));
                 TreeWalk tree = new TreeWalk(repo, reader)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                long mtime = commit.getCommitTime();
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    String name = tree.getPathString();
                    if (mode == FileMode.SYMLINK) {
                        tar.symlink(name, new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8), mtime);
                    } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                        tar.file(name, mode == FileMode.EXECUTABLE_FILE ? 0755 : 0644, reader.open(tree.getObjectId(0)).getBytes(),
                                mtime);
                    }
                }
            }
            LOG.info("Served the source of build {} (app {}, commit {})", buildId, build.get().appId(), build.get().commitSha());
        }
    }

    private static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().println(message);
    }
}
