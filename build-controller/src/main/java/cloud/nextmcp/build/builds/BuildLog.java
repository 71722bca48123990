package cloud.nextmcp.build.builds;

/** The output of one build as the pusher sees it: each line is stored (source 'build') and streamed back in the push. */
public interface BuildLog {
    void line(String text);
}
