package io.keyfleet.auth.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The dev-mode data directory ({@code ./.keyfleet} or {@code KEYFLEET_DATA_DIR}). Private
 * material (keys, the Redis password, the admin secret) is written owner-only and
 * atomically, so that a crash never leaves half a key behind.
 */
public final class DataDirectory {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

	private final Path path;

	public DataDirectory(Path path) {
		this.path = path.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.path);
			restrict(this.path, OWNER_ONLY_DIR);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create data directory " + this.path, ex);
		}
	}

	public Path path() {
		return this.path;
	}

	/** A sub-directory readable by the owner only. */
	public Path privateDirectory(String name) {
		Path dir = this.path.resolve(name);
		try {
			Files.createDirectories(dir);
			restrict(dir, OWNER_ONLY_DIR);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dir, ex);
		}
	}

	/** Writes a file readable by the owner only, atomically. */
	public void writePrivate(Path file, String content) {
		write(file, content.getBytes(StandardCharsets.UTF_8), true);
	}

	/** Writes a public file (certificates), atomically. */
	public void writePublic(Path file, String content) {
		write(file, content.getBytes(StandardCharsets.UTF_8), false);
	}

	private static void write(Path file, byte[] content, boolean ownerOnly) {
		try {
			Files.createDirectories(file.getParent());
			Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
			try {
				if (ownerOnly) {
					restrict(tmp, OWNER_ONLY_FILE);
				}
				Files.write(tmp, content);
				try {
					Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
			if (!ownerOnly && POSIX) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

}
