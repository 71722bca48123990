package cloud.nextmcp.api.oauth;

import java.util.Map;

/** The minimal sign-in and consent page (no scripts, no external resources). */
final class ConsentPage {
    private ConsentPage() {
    }

    static String render(String clientName, String clientId, String app, Map<String, String> params, String error) {
        StringBuilder hidden = new StringBuilder();
        params.forEach((k, v) -> hidden.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"").append(esc(v))
                .append("\">"));
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Allow access to " + esc(app) + "</title></head>"
                + "<body style=\"font-family:sans-serif;margin:3em;max-width:32em\"><h1>NextMCP Cloud</h1>"
                + "<p><b>" + esc(clientName) + "</b> <small>(" + esc(clientId) + ")</small> wants to call the MCP server <b>"
                + esc(app) + "</b> as you.</p>"
                + (error == null ? "" : "<p style=\"color:#b00\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/oauth/authorize\">" + hidden
                + "<p><label>E-mail<br><input name=\"email\" type=\"email\" autocomplete=\"username\" required></label></p>"
                + "<p><label>Password<br><input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>"
                + "<p><button name=\"decision\" value=\"allow\">Allow</button> <button name=\"decision\" value=\"deny\">Deny</button></p>"
                + "</form></body></html>\n";
    }

    static String error(String message) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Cannot continue</title></head>"
                + "<body style=\"font-family:sans-serif;margin:3em\"><h1>NextMCP Cloud</h1><p>" + esc(message) + "</p></body></html>\n";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
