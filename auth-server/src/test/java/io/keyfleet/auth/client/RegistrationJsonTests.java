package io.keyfleet.auth.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void mergeWhenRfc7396AppendixAExamplesThenSameResults() {
		assertMerge("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"a\":null}", "{}");
		assertMerge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
		assertMerge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}");
		assertMerge("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}");
		assertMerge("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}");
		assertMerge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
	}

	@Test
	void readWhenUnknownFieldThenRefusedNamingIt() {
		assertThatThrownBy(() -> RegistrationJson.read("{\"id\":\"a\",\"allowed_scope\":[]}"))
			.isInstanceOf(InvalidRegistrationException.class)
			.hasMessageContaining("allowed_scope");
	}

	@Test
	void readWhenWrongTypeThenRefusedNamingTheField() {
		assertThatThrownBy(() -> RegistrationJson.read("{\"id\":\"a\",\"labels\":[1,2]}"))
			.isInstanceOf(InvalidRegistrationException.class)
			.hasMessageContaining("labels");
	}

	@Test
	void readWhenNotAnObjectOrTrailingGarbageThenRefused() {
		assertThatThrownBy(() -> RegistrationJson.read("[1]")).isInstanceOf(InvalidRegistrationException.class);
		assertThatThrownBy(() -> RegistrationJson.read("{\"id\":\"a\"} x")).isInstanceOf(InvalidRegistrationException.class);
		assertThatThrownBy(() -> RegistrationJson.read("")).isInstanceOf(InvalidRegistrationException.class);
	}

	@Test
	void readWhenReadOnlyFieldThenRefused() {
		assertThatThrownBy(() -> RegistrationJson.read("{\"id\":\"a\",\"status\":\"active\"}"))
			.isInstanceOf(InvalidRegistrationException.class)
			.hasMessageContaining("status");
	}

	private static void assertMerge(String target, String patch, String expected) {
		JsonNode merged = RegistrationJson.merge(JSON.readTree(target), JSON.readTree(patch));
		assertThat(merged).isEqualTo(JSON.readTree(expected));
	}

}
