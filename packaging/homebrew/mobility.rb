# UNTESTED: this formula has never been run. It builds mobility from its
# crates.io source, which exists only once the crate is published; put the
# published crate's sha256 below then, and run `brew install --build-from-source`
# and `brew test` before trusting it.
class Mobility < Formula
  desc "Guided routine timer for the terminal, built around thoracic flexion"
  homepage "https://crates.io/crates/mobility"
  url "https://static.crates.io/crates/mobility/mobility-0.1.0.crate"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"

  depends_on "rust" => :build

  def install
    system "cargo", "install", *std_cargo_args
    # The binary writes its own manual and completions.
    system bin/"mobility", "man", "--dir", buildpath/"manpages"
    man1.install Dir[buildpath/"manpages/*.1"]
    generate_completions_from_executable(bin/"mobility", "completions")
  end

  test do
    assert_match "wall-flexion", shell_output("#{bin}/mobility list")
  end
end
