package dev.graft.application;

import dev.graft.term.Atom;

/**
 * A loaded or running application as {@code application:which_applications/0} and
 * {@code loaded_applications/0} list it: {@code {Name, Description, Vsn}}.
 */
public record ApplicationInfo(String name, String description, String vsn) {
    static ApplicationInfo of(AppSpec spec) {
        return new ApplicationInfo(spec.name(), spec.description(), spec.vsn());
    }

    @Override
    public String toString() {
        return "{" + Atom.of(name) + ",\"" + description + "\",\"" + vsn + "\"}";
    }
}
