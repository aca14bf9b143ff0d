package dev.graft.builder;

import dev.graft.code.ModuleBinary;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.PseudoInstruction;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ConstantDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a supervisor module says of its children in plain sight: the ids of the child specs its
 * {@code init} makes ({@code ChildSpec.worker("c", ...)}) and the name it registers under
 * ({@code Supervisor.startLink("kvsup", Sup.class, args)}), read from straight-line bytecode
 * whose arguments are constants. Code that computes them (a loop, a branch, an id from a
 * variable) is not read: the builder then says it does not know the children.
 *
 * @param childIds the ids of the children {@code init} specifies, in order; empty if unknown
 * @param name     the name it registers under; empty if none or unknown
 */
record SupervisorFacts(Optional<List<Object>> childIds, Optional<String> name) {
    private static final String CHILD_SPEC = "dev/graft/behaviour/ChildSpec";
    private static final String SUPERVISOR = "dev/graft/behaviour/Supervisor";
    private static final Object UNKNOWN = new Object();

    static SupervisorFacts of(ModuleBinary module) {
        ClassModel model = ClassFile.of().parse(module.classes().get(module.name()));
        Optional<List<Object>> ids = Optional.empty();
        Set<String> names = new LinkedHashSet<>();
        boolean nameUnknown = false;
        for (MethodModel m : model.methods()) {
            List<Call> calls = calls(m);
            if (m.methodName().equalsString("init")) {
                List<Call> specs = calls == null ? null
                        : calls.stream().filter(c -> c.owner.equals(CHILD_SPEC) && isChildSpecFactory(c.name)).toList();
                if (specs != null && !specs.isEmpty() && specs.stream().allMatch(c -> c.args.getFirst() != UNKNOWN)) {
                    ids = Optional.of(specs.stream().map(c -> c.args.getFirst()).toList());
                }
            }
            if (calls == null) {
                nameUnknown |= mentionsStart(m);
                continue;
            }
            for (Call c : calls) {
                if (c.owner.equals(SUPERVISOR) && (c.name.equals("start") || c.name.equals("startLink"))
                        && c.descriptor.startsWith("(Ljava/lang/String;")) {
                    if (c.args.getFirst() instanceof String s) {
                        names.add(s);
                    } else {
                        nameUnknown = true;
                    }
                }
            }
        }
        return new SupervisorFacts(ids, !nameUnknown && names.size() == 1 ? Optional.of(names.iterator().next()) : Optional.empty());
    }

    private static boolean isChildSpecFactory(String name) {
        return name.equals("worker") || name.equals("supervisor");
    }

    private static boolean mentionsStart(MethodModel m) {
        return m.code().stream().flatMap(c -> c.elementStream())
                .anyMatch(el -> el instanceof InvokeInstruction i && i.owner().asInternalName().equals(SUPERVISOR));
    }

    /** A static call with the arguments it was given: a constant, or {@link #UNKNOWN}. */
    private record Call(String owner, String name, String descriptor, List<Object> args) {}

    /**
     * The static calls of a method with their arguments, by running its bytecode on a stack of
     * constants; null if the method does what this does not follow (a branch, arithmetic, ...).
     */
    private static List<Call> calls(MethodModel method) {
        if (method.code().isEmpty()) {
            return List.of();
        }
        Deque<Object> stack = new ArrayDeque<>();
        List<Call> calls = new ArrayList<>();
        for (CodeElement el : method.code().get()) {
            try {
                switch (el) {
                    case PseudoInstruction p -> { }
                    case ConstantInstruction c -> stack.push(constant(c.constantValue()));
                    case LoadInstruction l -> stack.push(UNKNOWN);
                    case StoreInstruction s -> stack.pop();
                    case InvokeInstruction i -> {
                        int n = i.typeSymbol().parameterCount();
                        List<Object> args = new ArrayList<>();
                        for (int k = 0; k < n; k++) {
                            args.addFirst(stack.pop());
                        }
                        if (i.opcode() != Opcode.INVOKESTATIC) {
                            stack.pop();
                        } else {
                            calls.add(new Call(i.owner().asInternalName(), i.name().stringValue(),
                                    i.type().stringValue(), args));
                        }
                        if (!i.typeSymbol().returnType().descriptorString().equals("V")) {
                            stack.push(UNKNOWN);
                        }
                    }
                    case InvokeDynamicInstruction d -> {
                        for (int k = 0; k < d.typeSymbol().parameterCount(); k++) {
                            stack.pop();
                        }
                        stack.push(UNKNOWN);
                    }
                    case NewObjectInstruction n -> stack.push(UNKNOWN);
                    case NewReferenceArrayInstruction a -> {
                        stack.pop();
                        stack.push(UNKNOWN);
                    }
                    case NewPrimitiveArrayInstruction a -> {
                        stack.pop();
                        stack.push(UNKNOWN);
                    }
                    case ArrayStoreInstruction a -> {
                        stack.pop();
                        stack.pop();
                        stack.pop();
                    }
                    case ArrayLoadInstruction a -> {
                        stack.pop();
                        stack.pop();
                        stack.push(UNKNOWN);
                    }
                    case StackInstruction s when s.opcode() == Opcode.DUP -> stack.push(stack.element());
                    case StackInstruction s when s.opcode() == Opcode.POP -> stack.pop();
                    case FieldInstruction f -> {
                        switch (f.opcode()) {
                            case GETSTATIC -> stack.push(UNKNOWN);
                            case GETFIELD -> {
                                stack.pop();
                                stack.push(UNKNOWN);
                            }
                            case PUTSTATIC -> stack.pop();
                            default -> {
                                stack.pop();
                                stack.pop();
                            }
                        }
                    }
                    case TypeCheckInstruction t when t.opcode() == Opcode.CHECKCAST -> { }
                    case ReturnInstruction r -> {
                        return calls;
                    }
                    default -> {
                        return null;
                    }
                }
            } catch (java.util.NoSuchElementException underflow) {
                return null;
            }
        }
        return calls;
    }

    private static Object constant(ConstantDesc value) {
        return value instanceof String || value instanceof Integer || value instanceof Long ? value : UNKNOWN;
    }
}
