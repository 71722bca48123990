package cloud.nextmcp.build.images;

/** The image could not be built or pushed; the message says what to check. */
public class ImagePushException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImagePushException(String message, Throwable cause) {
        super(message, cause);
    }
}
