package dev.graft.builder;

import dev.graft.code.ModuleBinary;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.RecordComponentInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the builder reads from one module's bytecode: its behaviour, whether it defines
 * {@code codeChange}, the other classes' static methods it calls (its remote calls, once the
 * other class is known to be a module), every class it names, and the records nested in it
 * (the shapes its state and messages have).
 *
 * @param role     the behaviour the module's top-level class implements
 * @param calls    the top-level classes, other than its own, whose static methods it calls
 * @param names    every class its constant pools name (in class entries, descriptors and
 *                 generic signatures), as binary names
 * @param records  each record nested in the module, by binary name
 * @param stateType the binary name of the state type {@code S} of a {@code GenServer<S>}, if the
 *                  class file says it
 */
record ModuleFacts(String name, Role role, boolean definesCodeChange, Set<String> calls, Set<String> names,
                   Map<String, RecordShape> records, Optional<String> stateType) {

    /** The behaviour a module's top-level class implements directly. */
    enum Role {
        GEN_SERVER("GenServer"), SUPERVISOR("Supervisor"), PLAIN("module");

        final String shown;

        Role(String shown) {
            this.shown = shown;
        }
    }

    private static final String GEN_SERVER = "dev/graft/behaviour/GenServer";
    private static final String SUPERVISOR = "dev/graft/behaviour/Supervisor";
    /** A class named in a descriptor or signature: {@code Lp/q/Name;} or {@code Lp/q/Name<...>;}. */
    private static final Pattern NAMED = Pattern.compile("L([\\w/$]+)[;<]");

    static ModuleFacts of(ModuleBinary module) {
        ClassFile cf = ClassFile.of();
        Role role = Role.PLAIN;
        boolean codeChange = false;
        Optional<String> stateType = Optional.empty();
        Set<String> calls = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        Map<String, RecordShape> records = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : module.classes().entrySet()) {
            ClassModel model = cf.parse(e.getValue());
            if (e.getKey().equals(module.name())) {
                role = role(model);
                codeChange = model.methods().stream().anyMatch(m -> m.methodName().equalsString("codeChange")
                        && (m.flags().flagsMask() & (ClassFile.ACC_BRIDGE | ClassFile.ACC_SYNTHETIC)) == 0);
                stateType = stateType(model);
            } else {
                RecordShape.of(model).ifPresent(r -> records.put(e.getKey(), r));
            }
            for (PoolEntry p : model.constantPool()) {
                switch (p) {
                    case ClassEntry c -> names.add(elementName(c));
                    case Utf8Entry u -> {
                        Matcher m = NAMED.matcher(u.stringValue());
                        while (m.find()) {
                            names.add(m.group(1).replace('/', '.'));
                        }
                    }
                    default -> { }
                }
            }
            for (MethodModel m : model.methods()) {
                m.code().ifPresent(code -> code.forEach(el -> {
                    if (el instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC) {
                        String owner = topLevel(i.owner().asInternalName().replace('/', '.'));
                        if (!owner.equals(module.name())) {
                            calls.add(owner);
                        }
                    }
                }));
            }
        }
        return new ModuleFacts(module.name(), role, codeChange, calls, names, records, stateType);
    }

    private static Role role(ClassModel model) {
        for (ClassEntry i : model.interfaces()) {
            if (i.asInternalName().equals(GEN_SERVER)) {
                return Role.GEN_SERVER;
            }
            if (i.asInternalName().equals(SUPERVISOR)) {
                return Role.SUPERVISOR;
            }
        }
        return Role.PLAIN;
    }

    /** {@code S} of {@code implements GenServer<S>}, from the class's generic signature. */
    private static Optional<String> stateType(ClassModel model) {
        return model.findAttribute(Attributes.signature()).flatMap(sig -> {
            Matcher m = Pattern.compile("L" + GEN_SERVER + "<L([\\w/$]+)[;<]").matcher(sig.signature().stringValue());
            return m.find() ? Optional.of(m.group(1).replace('/', '.')) : Optional.empty();
        });
    }

    /** The class an entry names, or its element class for an array. */
    private static String elementName(ClassEntry c) {
        ClassDesc d = c.asSymbol();
        while (d.isArray()) {
            d = d.componentType();
        }
        String desc = d.descriptorString();
        return desc.length() == 1 ? desc : desc.substring(1, desc.length() - 1).replace('/', '.');
    }

    /** The top-level class a binary name belongs to: the part before the first {@code $}. */
    static String topLevel(String binaryName) {
        int nested = binaryName.indexOf('$');
        return nested < 0 ? binaryName : binaryName.substring(0, nested);
    }

    /**
     * A record's components in declaration order, with the migration annotations they carry.
     */
    record RecordShape(List<Component> components) {
        /**
         * @param type    the component's type as Java writes it ({@code int}, {@code java.util.List<kv.Store$Entry>})
         * @param from    {@code @Migration.From}'s old name, or null
         * @param initial {@code @Migration.Default}'s text, or null
         */
        record Component(String name, String descriptor, String type, String from, String initial) {
            @Override
            public String toString() {
                return TypeNames.simple(type) + " " + name;
            }
        }

        static Optional<RecordShape> of(ClassModel model) {
            return model.findAttribute(Attributes.record()).map(r -> {
                List<Component> components = new ArrayList<>();
                for (RecordComponentInfo c : r.components()) {
                    String signature = c.findAttribute(Attributes.signature()).map(s -> s.signature().stringValue())
                            .orElse(c.descriptor().stringValue());
                    components.add(new Component(c.name().stringValue(), c.descriptor().stringValue(),
                            TypeNames.of(signature), annotation(c, "From"), annotation(c, "Default")));
                }
                return new RecordShape(components);
            });
        }

        private static String annotation(RecordComponentInfo c, String which) {
            String desc = "Ldev/graft/migrate/Migration$" + which + ";";
            // an annotation written without its value has no element: it then holds the element's default, ""
            return c.findAttribute(Attributes.runtimeVisibleAnnotations()).stream()
                    .flatMap(a -> a.annotations().stream())
                    .filter(a -> a.className().equalsString(desc))
                    .findFirst()
                    .map(a -> a.elements().stream()
                            .filter(el -> el.name().equalsString("value") && el.value() instanceof AnnotationValue.OfString)
                            .map(el -> ((AnnotationValue.OfString) el.value()).stringValue())
                            .findFirst().orElse(""))
                    .orElse(null);
        }

        @Override
        public String toString() {
            return "(" + String.join(", ", components.stream().map(Component::toString).toList()) + ")";
        }
    }
}
