package cloud.nextmcp.core.accounts;

import java.util.Locale;

/** What an API token may be used for: the control API (and git over HTTP), or MCP calls through the router. */
public enum TokenScope {
    API, MCP;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "api" or "mcp"; throws with the accepted values named. */
    public static TokenScope parse(String value) {
        for (TokenScope s : values()) {
            if (s.dbValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown token scope '" + value + "': use api or mcp");
    }
}
