package dev.graft.code;

import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A module's compiled classes, read and checked but not loaded: the top-level class and its
 * nested classes ({@code Name$...}), keyed by binary name. Erlang's object code.
 *
 * <p>Immutable. {@link #vsn()} is the module's {@link Vsn @Vsn} or else its {@link #md5()}.
 */
public final class ModuleBinary {
    private final String name;
    private final Map<String, byte[]> classes;
    private final String origin;
    private final String md5;
    private final String vsn;

    private ModuleBinary(String name, Map<String, byte[]> classes, String origin, String md5, String vsn) {
        this.name = name;
        this.classes = classes;
        this.origin = origin;
        this.md5 = md5;
        this.vsn = vsn;
    }

    /**
     * Reads a module from its classes.
     *
     * @param name    the module: the top-level class's binary name, such as {@code demo.HelloWorld}
     * @param classes the top-level class and its nested classes, by binary name
     * @param origin  where they came from (a path), or "" for code made in memory
     * @throws CodeLoadException ({@link LoadError#BADFILE}) if they are not such a module
     */
    public static ModuleBinary of(String name, Map<String, byte[]> classes, String origin) {
        if (!classes.containsKey(name)) {
            throw bad(name, "no class " + name + " among " + classes.keySet());
        }
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        String vsn = null;
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            String cls = e.getKey();
            if (!cls.equals(name) && !cls.startsWith(name + "$")) {
                throw bad(name, "class " + cls + " is not " + name + " or one of its nested classes");
            }
            ClassModel model;
            try {
                model = ClassFile.of().parse(e.getValue());
            } catch (IllegalArgumentException ex) {
                throw bad(name, "class " + cls + " is not a valid class file: " + ex.getMessage());
            }
            String inside = model.thisClass().asInternalName().replace('/', '.');
            if (!inside.equals(cls)) {
                throw bad(name, "the file given for " + cls + " holds class " + inside);
            }
            if (cls.equals(name)) {
                vsn = declaredVsn(model).orElse(null);
            }
            sorted.put(cls, e.getValue().clone());
        }
        String md5 = md5(sorted);
        return new ModuleBinary(name, Collections.unmodifiableMap(sorted), origin, md5, vsn != null ? vsn : md5);
    }

    private static CodeLoadException bad(String module, String detail) {
        return new CodeLoadException(List.of(new ModuleFailure(module, LoadError.BADFILE, detail)));
    }

    private static Optional<String> declaredVsn(ClassModel model) {
        String vsnDesc = Vsn.class.descriptorString();
        return model.findAttribute(Attributes.runtimeVisibleAnnotations()).stream()
                .flatMap(a -> a.annotations().stream())
                .filter(a -> a.className().stringValue().equals(vsnDesc))
                .flatMap(a -> a.elements().stream())
                .filter(el -> el.name().stringValue().equals("value"))
                .map(el -> el.value() instanceof AnnotationValue.OfString s ? s.stringValue() : null)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static String md5(TreeMap<String, byte[]> classes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update(e.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    /** The module's name: its top-level class's binary name. */
    public String name() {
        return name;
    }

    /** Its version: {@link Vsn @Vsn}, or else the MD5. */
    public String vsn() {
        return vsn;
    }

    /** Hex MD5 of its classes (names and bytes), as Erlang's {@code module_info(md5)}. */
    public String md5() {
        return md5;
    }

    /** Where it was read from, or "" for code made in memory. */
    public String origin() {
        return origin;
    }

    /** Its classes by binary name, the top-level one first in name order. */
    public Map<String, byte[]> classes() {
        return classes;
    }

    @Override
    public String toString() {
        return name + "@" + vsn;
    }
}
