package dev.graft.code;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DirectMethodHandleDesc.Kind;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.LambdaMetafactory;
import java.lang.reflect.AccessFlag;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Guards the lambdas of one module class at load, so that a lambda called after its version is
 * purged raises {@link BadFun} (see {@link FunGuard}). A lambda is a {@link LambdaMetafactory}
 * call site whose implementation is a method of the module:
 * <ul>
 *   <li>a <b>lambda body</b>, a synthetic method of this class (javac's {@code lambda$…}), gets
 *       the guard, {@code invokedynamic fun ()V} linked by {@link Linker#fun}, before its first
 *       instruction;</li>
 *   <li>a <b>method reference</b> ({@code Counter::next}, {@code this::step},
 *       {@code State::new}) is pointed at a bridge, a private static synthetic method of this
 *       class named {@code graft$fun$N}, that runs the guard and then calls the target. The
 *       target itself stays as it is, since other code calls it directly.</li>
 * </ul>
 * Serializable method references are left alone, unguarded: their serialized form must name
 * their target, since that is how {@link Code} reads a qualified call such as
 * {@code Code.remote(M::f)}, which calls the current version, not the one that made the
 * reference. javac makes {@code super::m} and array constructors into lambda bodies, so the
 * kinds bridged are those javac leaves as method references.
 *
 * <p>Built by {@link #of} from one class, then used for that class's transform only.
 */
final class LambdaGuards {
    private static final ClassDesc CD_LAMBDA_METAFACTORY = ClassDesc.of(LambdaMetafactory.class.getName());
    private static final DynamicCallSiteDesc GUARD = DynamicCallSiteDesc.of(
            MethodHandleDesc.ofMethod(Kind.STATIC, ClassDesc.of(Linker.class.getName()), "fun",
                    MethodTypeDesc.of(CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType)),
            "fun", MethodTypeDesc.of(CD_void));
    /** The kinds of method reference bridged, and the instruction a bridge calls each with. */
    private static final Map<Kind, Opcode> BRIDGED = Map.of(
            Kind.STATIC, Opcode.INVOKESTATIC, Kind.INTERFACE_STATIC, Opcode.INVOKESTATIC,
            Kind.VIRTUAL, Opcode.INVOKEVIRTUAL, Kind.INTERFACE_VIRTUAL, Opcode.INVOKEINTERFACE,
            Kind.CONSTRUCTOR, Opcode.INVOKESPECIAL);
    private static final String BRIDGE_PREFIX = "graft$fun$";

    /** Puts the guard before a lambda body's first instruction. */
    private static final CodeTransform GUARD_FIRST = new CodeTransform() {
        @Override
        public void atStart(CodeBuilder code) {
            code.invokedynamic(GUARD);
        }

        @Override
        public void accept(CodeBuilder code, CodeElement element) {
            code.with(element);
        }
    };

    private final ClassDesc self;
    private final Kind bridgeKind;
    /** The lambda bodies of this class, as name and descriptor. */
    private final Set<String> bodies = new HashSet<>();
    /** Each method reference's target and the bridge that guards it, in the order first met. */
    private final Map<DirectMethodHandleDesc, DirectMethodHandleDesc> bridges = new LinkedHashMap<>();

    private LambdaGuards(ClassModel model) {
        this.self = model.thisClass().asSymbol();
        this.bridgeKind = model.flags().has(AccessFlag.INTERFACE) ? Kind.INTERFACE_STATIC : Kind.STATIC;
    }

    /** Finds the lambdas of {@code model}, a class of the module whose classes {@code isOwn} accepts. */
    static LambdaGuards of(ClassModel model, Predicate<ClassDesc> isOwn) {
        LambdaGuards guards = new LambdaGuards(model);
        Set<String> synthetic = new HashSet<>();
        for (MethodModel m : model.methods()) {
            if (m.flags().has(AccessFlag.SYNTHETIC)) {
                synthetic.add(key(m));
            }
        }
        for (MethodModel m : model.methods()) {
            for (CodeModel code : m.code().stream().toList()) {
                for (CodeElement el : code) {
                    if (el instanceof InvokeDynamicInstruction i && isLambda(i) && isOwn.test(target(i).owner())) {
                        guards.add(i, synthetic);
                    }
                }
            }
        }
        return guards;
    }

    private void add(InvokeDynamicInstruction lambda, Set<String> synthetic) {
        DirectMethodHandleDesc target = target(lambda);
        String key = target.methodName() + target.lookupDescriptor();
        if (target.owner().equals(self) && synthetic.contains(key)) {
            bodies.add(key);
        } else if (BRIDGED.containsKey(target.kind()) && !isSerializable(lambda) && !bridges.containsKey(target)) {
            bridges.put(target, MethodHandleDesc.ofMethod(bridgeKind, self, BRIDGE_PREFIX + bridges.size(),
                    target.invocationType()));
        }
    }

    /** Whether the class has no lambda to guard, so that it needs no transform. */
    boolean isEmpty() {
        return bodies.isEmpty() && bridges.isEmpty();
    }

    /**
     * The class's transform: {@code code} on every method body, the guard first in each lambda
     * body, the method references pointed at their bridges, and the bridges added. One class
     * transform, not a chain, because on JDK 25 a class transform chained after
     * {@link ClassTransform#transformingMethodBodies(Predicate, CodeTransform)} does not see the
     * methods that the predicate passed over.
     */
    ClassTransform transform(CodeTransform code) {
        CodeTransform other = code.andThen(this::pointAtBridge);
        CodeTransform body = GUARD_FIRST.andThen(other);
        return new ClassTransform() {
            @Override
            public void accept(ClassBuilder cls, ClassElement element) {
                if (element instanceof MethodModel m) {
                    cls.transformMethod(m, MethodTransform.transformingCode(bodies.contains(key(m)) ? body : other));
                } else {
                    cls.with(element);
                }
            }

            @Override
            public void atEnd(ClassBuilder cls) {
                addBridges(cls);
            }
        };
    }

    private void pointAtBridge(CodeBuilder code, CodeElement element) {
        if (element instanceof InvokeDynamicInstruction lambda && isLambda(lambda) && !isSerializable(lambda)
                && bridges.get(target(lambda)) instanceof DirectMethodHandleDesc bridge) {
            ConstantDesc[] args = lambda.bootstrapArgs().toArray(ConstantDesc[]::new);
            args[1] = bridge;
            code.invokedynamic(DynamicCallSiteDesc.of(lambda.bootstrapMethod(), lambda.name().stringValue(),
                    lambda.typeSymbol(), args));
        } else {
            code.with(element);
        }
    }

    private void addBridges(ClassBuilder cls) {
        bridges.forEach((target, bridge) -> cls.withMethodBody(bridge.methodName(), bridge.invocationType(),
                ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_SYNTHETIC,
                code -> bridgeBody(code, target)));
    }

    /** The guard, then the target called with the bridge's arguments (a constructor's object made first). */
    private static void bridgeBody(CodeBuilder code, DirectMethodHandleDesc target) {
        code.invokedynamic(GUARD);
        if (target.kind() == Kind.CONSTRUCTOR) {
            code.new_(target.owner()).dup();
        }
        MethodTypeDesc type = target.invocationType();
        for (int p = 0; p < type.parameterCount(); p++) {
            code.loadLocal(TypeKind.from(type.parameterType(p)), code.parameterSlot(p));
        }
        code.invoke(BRIDGED.get(target.kind()), target.owner(), target.methodName(),
                MethodTypeDesc.ofDescriptor(target.lookupDescriptor()), target.isOwnerInterface());
        code.return_(TypeKind.from(type.returnType()));
    }

    /** A {@link LambdaMetafactory} call site: {@code metafactory} or {@code altMetafactory}. */
    private static boolean isLambda(InvokeDynamicInstruction i) {
        return i.bootstrapMethod().owner().equals(CD_LAMBDA_METAFACTORY);
    }

    /** The method a lambda call site implements its interface with (the metafactory's second argument). */
    private static DirectMethodHandleDesc target(InvokeDynamicInstruction lambda) {
        return (DirectMethodHandleDesc) lambda.bootstrapArgs().get(1);
    }

    private static boolean isSerializable(InvokeDynamicInstruction lambda) {
        return lambda.bootstrapMethod().methodName().equals("altMetafactory")
                && lambda.bootstrapArgs().get(3) instanceof Integer flags
                && (flags & LambdaMetafactory.FLAG_SERIALIZABLE) != 0;
    }

    private static String key(MethodModel m) {
        return m.methodName().stringValue() + m.methodType().stringValue();
    }
}
