package dev.graft.code;

import java.util.Map;

/**
 * The class loader of one module version, named {@code module@vsn} so that stack frames say
 * which version they run ({@code HelloWorld@2//demo.HelloWorld.hello(...)}). It defines the
 * module's own classes from their prepared bytes and delegates every other name to the shared
 * loader; it never sees another module's classes, since remote calls are linked by name.
 *
 * <p>When its version is purged nothing refers to it any more and it is collected with its
 * classes.
 */
final class ModuleLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    final CodeServer server;
    /** The version these classes make up; set once, by its constructor, before any class is defined. */
    ModuleVersion version;
    private final String module;
    private final Map<String, byte[]> classes;

    ModuleLoader(String name, ClassLoader shared, CodeServer server, String module, Map<String, byte[]> classes) {
        super(name, shared);
        this.server = server;
        this.module = module;
        this.classes = classes;
    }

    /** Whether {@code name} is one of the module's classes (the module class or one nested in it). */
    boolean owns(String name) {
        return name.equals(module) || (name.startsWith(module) && name.length() > module.length()
                && name.charAt(module.length()) == '$');
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!owns(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " (module " + getName() + " has no such class)");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
