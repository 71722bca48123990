package cloud.nextmcp.cli.releases;

import picocli.CommandLine;

/** Reads {@code v3} or {@code 3} as release version 3. */
public final class ReleaseVersion implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        String digits = value.startsWith("v") || value.startsWith("V") ? value.substring(1) : value;
        if (!digits.matches("[1-9]\\d{0,8}")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a release version like v3");
        }
        return Integer.valueOf(digits);
    }
}
