package dev.graft.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The widening primitive conversions of JLS 5.1.2, and nothing else. */
class WideningTest {
    private static Object box(String type, String text) {
        return switch (type) {
            case "byte" -> Byte.valueOf(text);
            case "short" -> Short.valueOf(text);
            case "char" -> text.charAt(0);
            case "int" -> Integer.valueOf(text);
            case "long" -> Long.valueOf(text);
            case "float" -> Float.valueOf(text);
            case "double" -> Double.valueOf(text);
            default -> text;
        };
    }

    private static Class<?> boxType(String type) {
        return box(type, type.equals("char") ? "a" : "1").getClass();
    }

    @ParameterizedTest(name = "{0} {1} to {2}")
    @CsvSource({
        "byte, 7, short, 7", "byte, 7, int, 7", "byte, 7, double, 7.0",
        "short, 300, int, 300", "short, 300, float, 300.0",
        "char, A, int, 65", "char, A, long, 65",
        "int, 70000, long, 70000", "int, 3, float, 3.0", "int, 3, double, 3.0",
        "long, 5, float, 5.0", "long, 5, double, 5.0",
        "float, 1.5, double, 1.5"})
    void aWideningConversion_convertsTheValue(String from, String value, String to, String expected) {
        assertThat(Widening.widen(box(from, value), boxType(to))).isEqualTo(box(to, expected));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "long, int", "double, float", "int, short", "int, char", "short, char", "byte, char", "char, short",
        "int, int", "String, long"})
    void aNarrowingOrOtherConversion_isNone(String from, String to) {
        assertThat(Widening.widen(box(from, from.equals("char") ? "a" : "1"), boxType(to))).isNull();
    }
}
