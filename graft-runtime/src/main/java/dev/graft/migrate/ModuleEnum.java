package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

/** A module's enum in one version: its constants map to the counterpart's by name. */
final class ModuleEnum extends ModuleType<ModuleEnum> {
    private final Enum<?>[] constants;

    ModuleEnum(Class<?> type, ModuleVersion version) {
        super(type, version);
        this.constants = (Enum<?>[]) type.getEnumConstants();
    }

    @Override
    String kind() {
        return "an enum";
    }

    /** By this enum's ordinals: the ordinal of the counterpart's constant of the same name, or -1. */
    @Override
    int[] mapTo(ModuleEnum to) {
        int[] map = new int[constants.length];
        for (int i = 0; i < map.length; i++) {
            map[i] = -1;
            for (Enum<?> c : to.constants) {
                if (c.name().equals(constants[i].name())) {
                    map[i] = c.ordinal();
                }
            }
        }
        return map;
    }

    @Override
    Object convert(Object value, ModuleEnum to, int[] map, ModuleVersion target, int depth) {
        Enum<?> constant = (Enum<?>) value;
        int ordinal = map[constant.ordinal()];
        if (ordinal < 0) {
            throw new Failure(type.getName(), constant.name(), target + " has no constant " + constant.name()
                    + " in " + type.getName());
        }
        return to.constants[ordinal];
    }
}
