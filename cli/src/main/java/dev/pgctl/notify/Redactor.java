package dev.pgctl.notify;

import dev.pgctl.config.Config;
import dev.pgctl.config.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.net.URISyntaxException;

/**
 * Masks every secret of a Config in a text that leaves the container (an alert's message comes partly from
 * pgBackRest's error lines): the values of the secret variables, and the path and query of the notification URLs
 * on their own (a receiver's token is often the path). A second line of defence: no message is built from a
 * secret in the first place.
 */
public final class Redactor {
    public static final String MASK = "******";
    /** Shorter pieces (a path of "/", "hooks") are not tokens, and masking them would garble messages. */
    static final int MIN = 6;

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= MIN).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor of(Config c) {
        List<String> s = new ArrayList<>();
        c.repo().ifPresent(r -> Stream.of(r.key(), r.keySecret(), r.cipherPass()).flatMap(Optional::stream)
                .map(Secret::reveal).forEach(s::add));
        c.replication().password().map(Secret::reveal).ifPresent(s::add);
        Stream.of(c.notifications().url(), c.notifications().heartbeatUrl()).flatMap(Optional::stream).map(Secret::reveal)
                .forEach(url -> {
                    s.add(url);
                    try {
                        URI u = new URI(url);
                        Optional.ofNullable(u.getRawPath()).ifPresent(s::add);
                        Optional.ofNullable(u.getRawQuery()).ifPresent(s::add);
                        Optional.ofNullable(u.getRawUserInfo()).ifPresent(s::add);
                        // each piece of the path and each name and value of the query, alone
                        for (String part : (Optional.ofNullable(u.getRawPath()).orElse("") + "/"
                                + Optional.ofNullable(u.getRawQuery()).orElse("")).split("[/&=]")) {
                            s.add(part);
                        }
                    } catch (URISyntaxException e) {
                        // validated at start; the whole value is masked either way
                    }
                });
        return new Redactor(s);
    }

    public String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
