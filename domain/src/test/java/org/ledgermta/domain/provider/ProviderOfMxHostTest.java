package org.ledgermta.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which provider an MX host belongs to, in the shipped table and in a small one built to show the rules. */
class ProviderOfMxHostTest {

    private static final Providers STANDARD = Providers.standard();

    // A narrower pattern before a broader one of another provider, an exact name, and a default section.
    private static final Providers SMALL = Providers.parse(List.of(
            "provider default",
            "    shaping connections=5 messages-per-connection=100 messages-per-minute=0",
            "provider inner",
            "    mx *.mx.example.net in.example.org",
            "provider outer",
            "    mx *.example.net *.example.org"), "small table");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gmail-smtp-in.l.google.com                 | gmail
            aspmx.l.google.com                         | gmail
            alt1.aspmx.l.google.com                    | gmail
            alt4.gmail-smtp-in.l.google.com.           | gmail
            ASPMX.L.GOOGLE.COM                         | gmail
            Alt2.AspMx.L.Google.Com.                   | gmail
            aspmx2.googlemail.com                      | gmail
            google.com                                 | default
            notgoogle.com                              | default
            aspmx.l.google.com.evil.example            | default
            hotmail-com.olc.protection.outlook.com     | microsoft
            outlook-com.olc.protection.outlook.com.    | microsoft
            contoso-com.mail.protection.outlook.com    | microsoft
            contoso-com.l-v1.mx.microsoft              | microsoft
            mx1.hotmail.com                            | microsoft
            mta5.am0.yahoodns.net                      | yahoo
            mx-aol.mail.gm0.yahoodns.net               | yahoo
            MTA6.AM0.YAHOODNS.NET.                     | yahoo
            mx01.mail.icloud.com                       | apple
            mx00.gmx.net                               | united-internet
            mx-ha03.web.de                             | united-internet
            mxs.mail.ru                                | mail-ru
            mx00.t-online.de                           | t-online
            smtp-in.orange.fr                          | orange
            mail.example.org                           | default
            mx.shop.example                            | default
            ''                                         | default
            """)
    void shippedTableNamesTheProviderOfTheMxHost(String mxHost, String provider) {
        assertThat(STANDARD.providerOf(mxHost)).isEqualTo(new ProviderName(provider));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            in.example.org          | inner
            IN.EXAMPLE.ORG.         | inner
            x.in.example.org        | outer
            a.mx.example.net        | inner
            b.a.mx.example.net      | inner
            mx.example.net          | outer
            other.example.net       | outer
            example.net             | default
            example.org.example.com | default
            """)
    void firstProviderInFileOrderWithAMatchingPatternWins(String mxHost, String provider) {
        assertThat(SMALL.providerOf(mxHost)).isEqualTo(new ProviderName(provider));
    }
}
