import ArgumentParser
import CosyncAuthCLI

/// The process entry point: ArgumentParser's async `main()` parses the command line and runs the command.
@main
struct Entry {
    static func main() async {
        await CosyncAuthCommand.main()
    }
}
