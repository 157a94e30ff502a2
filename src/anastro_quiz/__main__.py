from anastro_quiz.cli import main

main()
