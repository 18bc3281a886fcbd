package dev.pgctl.drill;

import dev.pgctl.config.DrillSettings;
import dev.pgctl.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * amcheck in a drill's throwaway server: the statement run in each database, and what its output says. Pure;
 * tested in AmcheckTest (and run for real by the drill-scheduled scenario).
 *
 * <p>Tables and materialized views get {@code verify_heapam} with {@code check_toast} (so their TOAST is checked
 * through them); B-tree indexes get {@code bt_index_parent_check} with {@code heapallindexed}: the parent/child
 * checks and the check that every heap tuple is in the index, which {@code bt_index_check} does not do. Its
 * ShareLock would block writers on a live server, but the throwaway copy has none. One relation's error (amcheck
 * raises errors for B-tree corruption) is caught in its own subtransaction and recorded, and the next one is
 * checked.
 */
public final class Amcheck {
    /**
     * psql's field separator (its default, -A): the statement replaces it in relation names and messages, so a
     * line splits into exactly its fields (a control character as -F did not survive the way to psql).
     */
    public static final String SEPARATOR = "|";

    /** What amcheck checked in one or more databases. */
    public record Counts(String mode, long heapChecked, long btreeChecked, long corrupt) {
        public Counts plus(Counts o) {
            return new Counts(mode, heapChecked + o.heapChecked, btreeChecked + o.btreeChecked, corrupt + o.corrupt);
        }
    }

    /** A database's result: the counts and each corrupt relation with amcheck's first complaint. */
    public record Result(Counts counts, List<String> problems) {
    }

    private Amcheck() {
    }

    /** The statement for one database (psql -c: one implicit transaction). */
    public static String statement(DrillSettings.Amcheck mode) {
        String limit = mode == DrillSettings.Amcheck.SAMPLE ? "limit " + DrillSettings.SAMPLE : "";
        return """
                create extension if not exists amcheck;
                create temp table pgctl_amcheck(rel text, kind text, problem text);
                do $pgctl$
                declare r record; p text;
                begin
                  for r in
                    select c.oid, c.oid::regclass::text as name, case when c.relkind = 'i' then 'btree' else 'heap' end as kind
                    from pg_class c left join pg_index i on i.indexrelid = c.oid
                    where c.relpersistence <> 't' and (c.relkind in ('r', 'm')
                      or (c.relkind = 'i' and c.relam = (select oid from pg_am where amname = 'btree')
                          and i.indisvalid and i.indisready))
                    order by pg_relation_size(c.oid) desc, c.oid
                    LIMIT
                  loop
                    p := null;
                    begin
                      if r.kind = 'heap' then
                        select format('block %s, offset %s: %s', blkno, offnum, msg) into p
                          from verify_heapam(r.oid, check_toast => true) limit 1;
                      else
                        perform bt_index_parent_check(r.oid, heapallindexed => true);
                      end if;
                    exception when others then
                      p := sqlerrm;
                    end;
                    insert into pgctl_amcheck values (r.name, r.kind, p);
                  end loop;
                end $pgctl$;
                select 'checked', (count(*) filter (where kind = 'heap'))::text,
                  (count(*) filter (where kind = 'btree'))::text, count(problem)::text from pgctl_amcheck
                union all
                (select 'corrupt', left(regexp_replace(rel, '[[:cntrl:]|]', ' ', 'g'), 200),
                  left(regexp_replace(problem, '[[:cntrl:]|]', ' ', 'g'), 300), ''::text
                  from pgctl_amcheck where problem is not null order by rel limit 20)""".replace("LIMIT", limit);
    }

    /**
     * psql's output ({@code -A -t -F SEPARATOR}) of {@link #statement} in database {@code db}.
     *
     * @throws IllegalArgumentException when it is not that statement's output
     */
    public static Result parse(String db, DrillSettings.Amcheck mode, String out) {
        Counts counts = null;
        List<String> problems = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(Pattern.quote(SEPARATOR), -1);
            if (f[0].equals("checked") && f.length >= 4) {
                counts = new Counts(mode.name().toLowerCase(Locale.ROOT), Long.parseLong(f[1].strip()),
                        Long.parseLong(f[2].strip()), Long.parseLong(f[3].strip()));
            } else if (f[0].equals("corrupt") && f.length >= 3) {
                problems.add("amcheck: " + SafeText.visible(db) + ": " + SafeText.visible(f[1]) + ": " + SafeText.visible(f[2]));
            }
        }
        if (counts == null) {
            throw new IllegalArgumentException("no amcheck summary in: " + SafeText.visible(out.strip()));
        }
        return new Result(counts, problems);
    }
}
