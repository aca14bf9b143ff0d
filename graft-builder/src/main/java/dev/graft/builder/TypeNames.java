package dev.graft.builder;

import java.util.Map;

/**
 * Java's spelling of a field type's descriptor or generic signature (JVMS 4.7.9.1):
 * {@code Ljava/util/List<Lkv/Store$Entry;>;} is {@code java.util.List<kv.Store$Entry>}.
 */
final class TypeNames {
    private static final Map<Character, String> BASE = Map.of('B', "byte", 'C', "char", 'D', "double", 'F', "float",
            'I', "int", 'J', "long", 'S', "short", 'Z', "boolean", 'V', "void");

    private final String text;
    private int at;

    private TypeNames(String text) {
        this.text = text;
    }

    static String of(String signature) {
        TypeNames p = new TypeNames(signature);
        String type = p.type();
        if (p.at != signature.length()) {
            throw new IllegalArgumentException("not a field type signature: " + signature);
        }
        return type;
    }

    /** The type without packages, nested classes with a dot: {@code List<Store.Entry>}. */
    static String simple(String type) {
        return type.replaceAll("\\b[a-z_][\\w]*\\.", "").replace('$', '.');
    }

    private String type() {
        char c = text.charAt(at++);
        return switch (c) {
            case '[' -> type() + "[]";
            case 'T' -> until(';');
            case 'L' -> classType();
            default -> {
                String base = BASE.get(c);
                if (base == null) {
                    throw new IllegalArgumentException("not a field type signature: " + text);
                }
                yield base;
            }
        };
    }

    private String classType() {
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            switch (c) {
                case ';' -> {
                    return out.toString();
                }
                case '/' -> out.append('.');
                case '.' -> out.append('$');
                case '<' -> {
                    out.append('<');
                    boolean first = true;
                    while (text.charAt(at) != '>') {
                        if (!first) {
                            out.append(", ");
                        }
                        first = false;
                        out.append(typeArgument());
                    }
                    at++;
                    out.append('>');
                }
                default -> out.append(c);
            }
        }
    }

    private String typeArgument() {
        char c = text.charAt(at);
        return switch (c) {
            case '*' -> {
                at++;
                yield "?";
            }
            case '+' -> {
                at++;
                yield "? extends " + type();
            }
            case '-' -> {
                at++;
                yield "? super " + type();
            }
            default -> type();
        };
    }

    private String until(char end) {
        int stop = text.indexOf(end, at);
        String s = text.substring(at, stop);
        at = stop + 1;
        return s;
    }
}
