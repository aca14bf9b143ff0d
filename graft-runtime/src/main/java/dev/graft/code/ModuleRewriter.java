package dev.graft.code;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_String;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Prepares a module's bytecode for loading (DESIGN decisions 2 and 3), in one pass over each
 * class:
 * <ul>
 *   <li><b>Remote calls are relinked.</b> Every {@code invokestatic} of another module's method
 *       becomes an {@code invokedynamic} bound by {@link Linker#bootstrap} to that module's
 *       current version. Calls within the module stay plain calls, so a process looping
 *       locally stays in its version.</li>
 *   <li><b>Lambdas are guarded.</b> Every lambda of the module, and every method reference to
 *       its own code, starts with a guard that raises {@link BadFun} once the version is purged
 *       ({@link LambdaGuards}, {@link FunGuard}).</li>
 *   <li><b>The boundary is checked.</b> Naming another module's class anywhere else — a field,
 *       a signature, {@code new}, a cast, {@code instanceof}, a class literal, an instance
 *       call, a method reference, a catch, a supertype — is a violation, reported with the
 *       class, the member and the reference.</li>
 * </ul>
 * Stateless; {@code isModule} answers whether a top-level class name is a module.
 */
final class ModuleRewriter {
    private static final DirectMethodHandleDesc BOOTSTRAP = MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of(Linker.class.getName()), "bootstrap",
            MethodTypeDesc.of(CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType, CD_String));

    /** The module's classes ready to define, or the violations that refuse it. */
    record Result(Map<String, byte[]> classes, List<String> violations) {}

    private ModuleRewriter() {}

    static Result rewrite(ModuleBinary module, Predicate<String> isModule, ClassLoader shared) {
        Scope scope = new Scope(module.name(), isModule);
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver(module, shared)));
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : module.classes().entrySet()) {
            ClassModel model = cf.parse(e.getValue());
            ClassCheck check = new ClassCheck(scope, e.getKey(), violations);
            check.classLevel(model);
            int calls = check.codeLevel(model);
            LambdaGuards lambdas = LambdaGuards.of(model, scope::isOwn);
            out.put(e.getKey(), calls == 0 && lambdas.isEmpty() ? e.getValue()
                    : cf.transformClass(model, lambdas.transform(relinkRemoteCalls(scope))));
        }
        return new Result(out, violations);
    }

    /** The module's boundary violations alone, without rewriting it: {@link Boundary#violations}. */
    static List<String> violations(ModuleBinary module, Predicate<String> isModule) {
        Scope scope = new Scope(module.name(), isModule);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : module.classes().entrySet()) {
            ClassModel model = ClassFile.of().parse(e.getValue());
            ClassCheck check = new ClassCheck(scope, e.getKey(), violations);
            check.classLevel(model);
            check.codeLevel(model);
        }
        return violations;
    }

    private static ClassHierarchyResolver resolver(ModuleBinary module, ClassLoader shared) {
        ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing(desc -> {
            byte[] bytes = module.classes().get(binaryName(desc));
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        return own.orElse(ClassHierarchyResolver.ofResourceParsing(shared))
                .orElse(ClassHierarchyResolver.defaultResolver());
    }

    private static CodeTransform relinkRemoteCalls(Scope scope) {
        return (builder, element) -> {
            if (element instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                    && scope.otherModule(i.owner().asSymbol()) != null) {
                builder.invokedynamic(DynamicCallSiteDesc.of(BOOTSTRAP, i.name().stringValue(), i.typeSymbol(),
                        scope.otherModule(i.owner().asSymbol())));
            } else {
                builder.with(element);
            }
        };
    }

    static String binaryName(ClassDesc desc) {
        String d = desc.descriptorString();
        return d.substring(1, d.length() - 1).replace('/', '.');
    }

    /** Which module a class belongs to, from the module being loaded's point of view. */
    private record Scope(String self, Predicate<String> isModule) {
        /** The other module that {@code desc} (or its array component) belongs to, or null. */
        String otherModule(ClassDesc desc) {
            ClassDesc c = desc;
            while (c.isArray()) {
                c = c.componentType();
            }
            if (c.isPrimitive()) {
                return null;
            }
            String top = topLevel(c);
            if (top.equals(self)) {
                return null;
            }
            return isModule.test(top) ? top : null;
        }

        /** Whether {@code desc} is a class of the module being loaded (its top-level class or one nested in it). */
        boolean isOwn(ClassDesc desc) {
            return desc.isClassOrInterface() && topLevel(desc).equals(self);
        }

        private static String topLevel(ClassDesc c) {
            String name = binaryName(c);
            int nested = name.indexOf('$');
            return nested < 0 ? name : name.substring(0, nested);
        }
    }

    /** Finds the boundary violations of one class, and counts its remote calls. */
    private static final class ClassCheck {
        private final Scope scope;
        private final String className;
        private final List<String> violations;

        ClassCheck(Scope scope, String className, List<String> violations) {
            this.scope = scope;
            this.className = className;
            this.violations = violations;
        }

        private void refer(String member, ClassDesc type, String how) {
            String module = scope.otherModule(type);
            if (module != null) {
                violations.add("class " + className + (member.isEmpty() ? "" : ", " + member) + ": " + how + " "
                        + binaryName(elementType(type)) + ", a class of module " + module);
            }
        }

        /**
         * A call only the runtime's own behaviour loops may make: a receive that vouches no
         * module code is below it on the stack would hide the module's frames from purge.
         */
        private void runtimeOnly(String member, InvokeInstruction i) {
            String owner = binaryName(i.owner().asSymbol());
            String name = i.name().stringValue();
            if (owner.equals("dev.graft.process.LoopReceive")
                    || owner.equals("dev.graft.sys.Sys") && name.equals("handleSystemMessage")) {
                violations.add("class " + className + ", " + member + ": calls " + owner + "." + name
                        + ", which only Graft's own behaviour loops may call (it tells purge that no module code is on"
                        + " the stack); use Proc.receive");
            }
        }

        private static ClassDesc elementType(ClassDesc c) {
            while (c.isArray()) {
                c = c.componentType();
            }
            return c;
        }

        private void signature(String member, MethodTypeDesc type, String how) {
            refer(member, type.returnType(), how);
            for (ClassDesc p : type.parameterList()) {
                refer(member, p, how);
            }
        }

        void classLevel(ClassModel model) {
            model.superclass().ifPresent(s -> refer("", s.asSymbol(), "extends"));
            for (ClassEntry i : model.interfaces()) {
                refer("", i.asSymbol(), "implements");
            }
            for (FieldModel f : model.fields()) {
                refer("field " + f.fieldName().stringValue(), f.fieldTypeSymbol(), "has the type");
            }
            for (MethodModel m : model.methods()) {
                signature(memberName(m), m.methodTypeSymbol(), "names in its signature");
            }
        }

        int codeLevel(ClassModel model) {
            int remote = 0;
            for (MethodModel m : model.methods()) {
                String member = memberName(m);
                for (CodeModel code : m.code().stream().toList()) {
                    for (CodeElement el : code) {
                        remote += instruction(member, el);
                    }
                }
            }
            return remote;
        }

        private static String memberName(MethodModel m) {
            return "method " + m.methodName().stringValue() + m.methodType().stringValue();
        }

        private int instruction(String member, CodeElement el) {
            switch (el) {
                case InvokeInstruction i -> {
                    runtimeOnly(member, i);
                    String callee = scope.otherModule(i.owner().asSymbol());
                    if (callee != null && i.opcode() == Opcode.INVOKESTATIC) {
                        signature(member, i.typeSymbol(), "calls " + callee + "." + i.name().stringValue() + " with");
                        return 1;
                    }
                    refer(member, i.owner().asSymbol(), "calls " + i.name().stringValue() + " on an instance of");
                    signature(member, i.typeSymbol(), "calls " + i.name().stringValue() + " with");
                }
                case FieldInstruction f -> {
                    refer(member, f.owner().asSymbol(), "uses field " + f.name().stringValue() + " of");
                    refer(member, f.typeSymbol(), "uses a field of type");
                }
                case NewObjectInstruction n -> refer(member, n.className().asSymbol(), "creates (new)");
                case TypeCheckInstruction t -> refer(member, t.type().asSymbol(),
                        t.opcode() == Opcode.CHECKCAST ? "casts to" : "tests instanceof");
                case NewReferenceArrayInstruction a -> refer(member, a.componentType().asSymbol(), "creates an array of");
                case NewMultiArrayInstruction a -> refer(member, a.arrayType().asSymbol(), "creates an array of");
                case ConstantInstruction.LoadConstantInstruction c -> constant(member, c.constantEntry());
                case InvokeDynamicInstruction d -> {
                    signature(member, d.typeSymbol(), "makes a dynamic call with");
                    for (ConstantDesc arg : d.bootstrapArgs()) {
                        constantDesc(member, arg);
                    }
                }
                case ExceptionCatch c -> c.catchType().ifPresent(t -> refer(member, t.asSymbol(), "catches"));
                default -> { }
            }
            return 0;
        }

        private void constant(String member, LoadableConstantEntry entry) {
            constantDesc(member, entry.constantValue());
        }

        private void constantDesc(String member, ConstantDesc c) {
            switch (c) {
                case ClassDesc cd -> refer(member, cd, "names the class");
                case MethodTypeDesc mt -> signature(member, mt, "names in a method type");
                case DirectMethodHandleDesc mh -> {
                    String module = scope.otherModule(mh.owner());
                    if (module != null) {
                        violations.add("class " + className + ", " + member + ": a method reference to "
                                + binaryName(mh.owner()) + "::" + mh.methodName() + " (module " + module
                                + ") is bound to one version; write a lambda that calls it, e.g. x -> "
                                + module.substring(module.lastIndexOf('.') + 1) + "." + mh.methodName() + "(x)");
                    }
                    signature(member, mh.invocationType(), "names in a method reference");
                }
                default -> { }
            }
        }
    }
}
