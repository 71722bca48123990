package cloud.nextmcp.git.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a POSIX ustar archive: regular files and symlinks, the only entries a commit's tree holds. */
final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;

    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void file(String name, int mode, byte[] content, long mtime) throws IOException {
        out.write(header(name, mode, content.length, mtime, '0', ""));
        out.write(content);
        pad(content.length);
    }

    void symlink(String name, String target, long mtime) throws IOException {
        out.write(header(name, 0777, 0, mtime, '2', target));
    }

    /** Two empty blocks end the archive; the stream is closed too. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static byte[] header(String name, int mode, long size, long mtime, char type, String link) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        if (path.length > 100) {
            // ustar splits long names at a '/' into prefix (155) and name (100).
            int cut = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            while (cut > 0 && name.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                cut = name.lastIndexOf('/', cut - 1);
            }
            if (cut <= 0 || name.substring(0, cut).getBytes(StandardCharsets.UTF_8).length > 155) {
                throw new IOException("path too long for a tar archive: " + name);
            }
            prefix = name.substring(0, cut);
            name = name.substring(cut + 1);
        }
        if (link.getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IOException("symlink target too long for a tar archive: " + name);
        }
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, h, offset, Math.min(length, value.length));
    }

    /** Zero-padded octal followed by NUL, as ustar wants. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - s.length())) + s;
        put(h, offset, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
        h[offset + length - 1] = 0;
    }
}
