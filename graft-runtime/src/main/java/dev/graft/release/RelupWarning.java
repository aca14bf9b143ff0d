package dev.graft.release;

import dev.graft.term.Atom;
import dev.graft.term.Tuple;

/** What systools warns of while it makes a relup, which it makes all the same. */
public sealed interface RelupWarning {
    /** The warning term systools gives. */
    Object toTerm();

    /** The warning, for a person. */
    String message();

    /**
     * {@code {erts_vsn_changed, {{Name, ErtsVsn}, {BaseName, BaseErtsVsn}}}}: the runtime differs,
     * so the upgrade script starts with {@code restart_new_emulator} and the downgrade script
     * ends with {@code restart_emulator}.
     */
    record ErtsVsnChanged(String name, String ertsVsn, String baseName, String baseErtsVsn) implements RelupWarning {
        @Override
        public Object toTerm() {
            return Tuple.of(Atom.of("erts_vsn_changed"), Tuple.of(Tuple.of(name, ertsVsn), Tuple.of(baseName, baseErtsVsn)));
        }

        @Override
        public String message() {
            return "the runtime's version differs between release " + name + " (erts " + ertsVsn + ") and release "
                    + baseName + " (erts " + baseErtsVsn + "): the node restarts into the new runtime";
        }
    }

    /**
     * {@code {bad_vsn, {AppupVsn, AppVsn}}}: an application's appup says it is for another
     * version than the application's. systools warns once each time it reads the appup.
     */
    record AppupVsnDiffers(String application, String appupVsn, String appVsn) implements RelupWarning {
        @Override
        public Object toTerm() {
            return Tuple.of(Atom.of("bad_vsn"), Tuple.of(appupVsn, appVsn));
        }

        @Override
        public String message() {
            return "the appup of application " + application + " is for version " + appupVsn
                    + ", the application is version " + appVsn;
        }
    }
}
