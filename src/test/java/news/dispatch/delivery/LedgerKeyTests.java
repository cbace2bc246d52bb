package news.dispatch.delivery;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The ledger's key: made from typed values, read back from its columns, and refusing what
 * no message of ours carries.
 */
class LedgerKeyTests {

	@Test
	void anEditionAndAnAlertGoThroughTheColumnsAndBackUnchanged() {
		LedgerKey edition = LedgerKey.edition(LocalDate.of(2026, 5, 4));
		LedgerKey alert = LedgerKey.alert(42);

		assertThat(LedgerKey.ofColumns(edition.kind().column(), edition.key())).isEqualTo(edition);
		assertThat(LedgerKey.ofColumns("alert", "42")).isEqualTo(alert);
		assertThat(edition.edition()).isEqualTo(LocalDate.of(2026, 5, 4));
		assertThat(alert.articleId()).isEqualTo(42);
		assertThat(edition).hasToString("digest.2026-05-04");
		assertThat(alert).hasToString("alert.42");
	}

	@Test
	void aKeyThatIsNotItsKindsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LedgerKey.ofColumns("digest", "42"))
			.withMessageContaining("'42' is not the key of a digest message");
		assertThatIllegalArgumentException().isThrownBy(() -> LedgerKey.ofColumns("alert", "2026-05-04"));
		assertThatIllegalArgumentException().isThrownBy(() -> LedgerKey.ofColumns("newsletter", "1"));
		assertThatIllegalStateException().isThrownBy(() -> LedgerKey.alert(1).edition());
		assertThatIllegalStateException().isThrownBy(() -> LedgerKey.edition(LocalDate.of(2026, 1, 1)).articleId());
	}

}
