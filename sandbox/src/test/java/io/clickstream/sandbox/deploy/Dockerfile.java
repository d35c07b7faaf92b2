package io.clickstream.sandbox.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/** A Dockerfile as its instructions (continuation lines joined, comments dropped), by build stage. */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    /** One {@code FROM image [AS name]} and the instructions up to the next FROM. */
    record Stage(String image, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Instruction last(String keyword) {
            var found = all(keyword);
            if (found.isEmpty()) {
                throw new NoSuchElementException("no " + keyword + " in the stage FROM " + image);
            }
            return found.get(found.size() - 1);
        }

        int indexOf(Instruction instruction) {
            return instructions.indexOf(instruction);
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> flat = new ArrayList<>();
        var pending = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue; // Docker drops comment lines, also inside a continued instruction
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String joined = pending.toString().strip();
            pending.setLength(0);
            int space = joined.indexOf(' ');
            flat.add(new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT), joined.substring(space + 1).strip()));
        }
        List<Stage> stages = new ArrayList<>();
        for (Instruction i : flat) {
            if (i.keyword().equals("FROM")) {
                String[] words = i.arguments().split("\\s+");
                String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                stages.add(new Stage(words[0], name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalArgumentException(i.keyword() + " before the first FROM");
            } else {
                stages.get(stages.size() - 1).instructions().add(i);
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no stage named " + name));
    }

    /** The stage the image is made of: the last one. */
    Stage runtime() {
        return stages.get(stages.size() - 1);
    }
}
