package io.keyfleet.sim;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold secrets (private keys, client secrets) readable and writable by
 * their owner only ({@code rw-------}). The content goes to a temporary file that has
 * those permissions from its creation, which then replaces the target in one move, so no
 * other user can ever read a partial or permissive file.
 */
public final class OwnerOnlyFiles {

	static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Writes {@code content} to {@code file}, replacing it if it exists.
	 * @param file the target
	 * @param content the bytes
	 * @throws SimException when the file cannot be written
	 */
	public static void write(Path file, byte[] content) {
		Path directory = file.toAbsolutePath().getParent();
		Path temporary = null;
		try {
			Files.createDirectories(directory);
			boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
			temporary = posix
					? Files.createTempFile(directory, ".keyfleet-", ".tmp",
							PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
					: Files.createTempFile(directory, ".keyfleet-", ".tmp");
			if (!posix) {
				restrictToOwner(temporary);
			}
			Files.write(temporary, content);
			move(temporary, file);
		}
		catch (IOException ex) {
			throw new SimException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	/**
	 * Creates a directory (and its parents) readable by its owner only ({@code rwx------}),
	 * or restricts an existing one to its owner.
	 * @param directory the directory
	 * @throws SimException when it cannot be created or restricted
	 */
	public static void directory(Path directory) {
		try {
			if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createDirectories(directory);
				return;
			}
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
				Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
			}
		}
		catch (IOException ex) {
			throw new SimException("cannot create the directory " + directory + ": " + ex.getMessage(), ex);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		File f = file.toFile();
		boolean restricted = f.setReadable(false, false) && f.setReadable(true, true) && f.setWritable(false, false)
				&& f.setWritable(true, true);
		if (!restricted) {
			throw new IOException("cannot restrict the permissions of " + file + " to its owner");
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// best effort: the temporary file is owner-only anyway
			}
		}
	}

}
