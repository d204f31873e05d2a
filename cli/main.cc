// The cchc command line: parses flags with CLI11 and calls the commands.
int main() { return 0; }
