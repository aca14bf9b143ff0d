package dev.graft.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an application's environment changed, as {@link Application#configChange} is told:
 * OTP's {@code do_config_diff}, giving {@code {Changed, New, Removed}}.
 *
 * @param changed the entries whose value differs, with the new value
 * @param added   the entries that were not there before
 * @param removed the keys that are gone
 */
record EnvDiff(Map<String, Object> changed, Map<String, Object> added, List<String> removed) {

    static EnvDiff between(Map<String, Object> before, Map<String, Object> now) {
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, Object> added = new LinkedHashMap<>();
        now.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                added.put(key, value);
            } else if (!Objects.equals(before.get(key), value)) {
                changed.put(key, value);
            }
        });
        List<String> removed = new ArrayList<>();
        before.keySet().forEach(key -> {
            if (!now.containsKey(key)) {
                removed.add(key);
            }
        });
        return new EnvDiff(Collections.unmodifiableMap(changed), Collections.unmodifiableMap(added),
                Collections.unmodifiableList(removed));
    }

    boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }
}
